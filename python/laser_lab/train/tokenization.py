"""Tokenizers: a tiny character-level one whose special tokens stand in for Qwen's, and the real Qwen tokenizer files."""

import json
import string
from pathlib import Path
from typing import Dict, List, Optional

# Qwen2/2.5/3 special ids (the LaSeR fork's pad_token_id and self_reward_token_id refer to these).
QWEN_SPECIAL_IDS: Dict[int, str] = {
    151643: "<|endoftext|>",
    151644: "<|im_start|>",
    151645: "<|im_end|>",
    151652: "<|vision_start|>",
}
QWEN_VOCAB_SIZE = 151936  # the embedding size of Qwen2.5 checkpoints (the tokenizer itself has 151669 entries)

CHAR_SPECIAL_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|vision_start|>", "<|unk|>"]
CHAR_ALPHABET = "\n" + "".join(c for c in string.printable if c.isprintable())
CHAR_CHAT_TEMPLATE = (
    "{% for message in messages %}{{ '<|im_start|>' + message['content'] + '<|im_end|>' }}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>' }}{% endif %}"
)


def char_tokenizer():
    """A ~100-token character-level tokenizer; ids 0..3 play <|endoftext|> (pad), <|im_start|>, <|im_end|> (eos), <|vision_start|> (z_c)."""
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    vocab = {tok: i for i, tok in enumerate(CHAR_SPECIAL_TOKENS)}
    for ch in CHAR_ALPHABET:
        vocab.setdefault(ch, len(vocab))
    core = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<|unk|>"))
    core.pre_tokenizer = pre_tokenizers.Split(Regex("[\\s\\S]"), behavior="isolated")
    core.decoder = decoders.Fuse()
    tok = PreTrainedTokenizerFast(
        tokenizer_object=core,
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        unk_token="<|unk|>",
        additional_special_tokens=["<|im_start|>", "<|vision_start|>"],
        clean_up_tokenization_spaces=False,
    )
    tok.chat_template = CHAR_CHAT_TEMPLATE
    return tok


def tokenizer_from_files(folder: str):
    """Loads tokenizer.json (+ tokenizer_config.json for eos/pad/chat template) with PreTrainedTokenizerFast."""
    from transformers import PreTrainedTokenizerFast

    path = Path(folder)
    if not (path / "tokenizer.json").is_file():
        raise FileNotFoundError(f"{path}: no tokenizer.json")
    cfg: dict = {}
    if (path / "tokenizer_config.json").is_file():
        cfg = json.loads((path / "tokenizer_config.json").read_text(encoding="utf-8"))
    specials = {k: cfg[k] for k in ("eos_token", "pad_token", "bos_token", "unk_token") if isinstance(cfg.get(k), str)}
    tok = PreTrainedTokenizerFast(tokenizer_file=str(path / "tokenizer.json"), clean_up_tokenization_spaces=False, **specials)
    if cfg.get("chat_template"):
        tok.chat_template = cfg["chat_template"]
    return tok


def resolve_token_id(tokenizer, configured: int) -> int:
    """A configured id as this tokenizer spells it: Qwen special ids are mapped by name when the vocabulary is not Qwen's."""
    if configured in QWEN_SPECIAL_IDS:
        native = tokenizer.convert_tokens_to_ids(QWEN_SPECIAL_IDS[configured])
        if isinstance(native, int) and native != tokenizer.unk_token_id and native is not None:
            return native
    if 0 <= configured < len(tokenizer):
        return configured
    raise ValueError(f"token id {configured} is not in the tokenizer's vocabulary ({len(tokenizer)} entries)")


def eos_token_ids(tokenizer, model_eos: Optional[object] = None) -> List[int]:
    ids: List[int] = []
    for value in (tokenizer.eos_token_id, model_eos):
        for v in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(v, int) and v not in ids:
                ids.append(v)
    if not ids:
        raise ValueError("the tokenizer has no eos token")
    return ids


def encode_prompt(tokenizer, text: str, use_chat_template: bool = True) -> List[int]:
    if use_chat_template and getattr(tokenizer, "chat_template", None):
        rendered = tokenizer.apply_chat_template([{"role": "user", "content": text}], add_generation_prompt=True, tokenize=False)
        return tokenizer(rendered, add_special_tokens=False).input_ids
    return tokenizer(text, add_special_tokens=False).input_ids
