"""Token sequences exactly as training saw them: chat-templated prompt (with the generation prompt) ++ response ++ EOS.
log π(z_c) is read at the next position, i.e. from the logits of the sequence's last token."""

from dataclasses import dataclass
from typing import List, Optional

from ..train.tokenization import encode_prompt
from .settings import Settings, prompt_text


@dataclass
class Sequence:
    ids: List[int]
    truncated: bool  # longer than the context: cut from the left (the prompt's start goes first)


def build_sequence(tokenizer, settings: Settings, problem: str, response: str, max_context: Optional[int]) -> Sequence:
    prompt = encode_prompt(tokenizer, prompt_text(settings.prompt_template, problem), settings.use_chat_template)
    ids = prompt + tokenizer(response, add_special_tokens=False).input_ids + [tokenizer.eos_token_id]
    if max_context and len(ids) > max_context:
        return Sequence(ids[len(ids) - max_context:], True)
    return Sequence(ids, False)


def token_budget_batches(lengths: List[int], batch_tokens: int) -> List[List[int]]:
    """Indices sorted by length (longest first) and cut into batches whose padded size (rows × longest) fits the budget;
    a sequence longer than the budget gets a batch of its own."""
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches: List[List[int]] = []
    current: List[int] = []
    for i in order:
        width = lengths[current[0]] if current else lengths[i]
        if current and (len(current) + 1) * width > batch_tokens:
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches
