"""`--init tiny`: a small randomly initialised Qwen2ForCausalLM, built from a fixed seed."""

from dataclasses import dataclass

from .tokenization import QWEN_VOCAB_SIZE


@dataclass
class TinySpec:
    """Sizes of the tiny model; the defaults live in TrainConfig (`tiny_*`), every caller passes all of them."""
    hidden_size: int
    intermediate_size: int
    num_hidden_layers: int
    num_attention_heads: int
    num_key_value_heads: int
    max_position_embeddings: int


def build_tiny_qwen2(tokenizer, spec: TinySpec, seed: int):
    import torch
    from transformers import Qwen2Config, Qwen2ForCausalLM

    vocab = len(tokenizer)
    vocab_size = QWEN_VOCAB_SIZE if vocab > 150000 else vocab
    config = Qwen2Config(
        vocab_size=vocab_size,
        hidden_size=spec.hidden_size,
        intermediate_size=spec.intermediate_size,
        num_hidden_layers=spec.num_hidden_layers,
        num_attention_heads=spec.num_attention_heads,
        num_key_value_heads=spec.num_key_value_heads,
        max_position_embeddings=spec.max_position_embeddings,
        tie_word_embeddings=True,
        rope_theta=10000.0,
        bos_token_id=None,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        attn_implementation="sdpa",
    )
    state = torch.random.get_rng_state()
    torch.manual_seed(seed)
    try:
        model = Qwen2ForCausalLM(config)
    finally:
        torch.random.set_rng_state(state)
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.generation_config.bos_token_id = None
    return model
