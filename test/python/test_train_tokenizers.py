import io

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from laser_lab.train.config import build_config  # noqa: E402
from laser_lab.train.tokenization import char_tokenizer, encode_prompt, resolve_token_id, tokenizer_from_files  # noqa: E402
from laser_lab.train.verl_console import MetricsPrinter  # noqa: E402
from train_helpers import QWEN_TOKENIZER, fast_values  # noqa: E402


@pytest.fixture(scope="module")
def qwen():
    return tokenizer_from_files(str(QWEN_TOKENIZER))


def test_real_qwen_ids(qwen):
    assert qwen.convert_ids_to_tokens([151652, 151643, 151645]) == ["<|vision_start|>", "<|endoftext|>", "<|im_end|>"]
    assert qwen.encode("<|vision_start|>", add_special_tokens=False) == [151652]
    assert qwen.decode([151652]) == "<|vision_start|>"
    assert qwen.pad_token_id == 151643 and qwen.eos_token_id == 151645
    assert resolve_token_id(qwen, 151652) == 151652


def test_real_qwen_chat_template(qwen):
    text = qwen.apply_chat_template([{"role": "user", "content": "What is 37+58?"}], add_generation_prompt=True, tokenize=False)
    assert text == "<|im_start|>user\nWhat is 37+58?<|im_end|>\n<|im_start|>assistant\n"
    ids = encode_prompt(qwen, "What is 37+58?")
    assert ids[0] == 151644 and 151645 in ids


def test_char_tokenizer_maps_qwen_specials_by_name():
    tok = char_tokenizer()
    assert resolve_token_id(tok, 151652) == tok.convert_tokens_to_ids("<|vision_start|>") == 3
    assert resolve_token_id(tok, 151643) == tok.pad_token_id == 0
    assert tok.eos_token_id == 2
    text = "What is 37+58? \\boxed{95}"
    assert tok.decode(tok(text, add_special_tokens=False).input_ids) == text
    with pytest.raises(ValueError, match="not in the tokenizer"):
        resolve_token_id(tok, 99999)


def test_tiny_model_with_real_qwen_tokenizer_trains_one_step(tmp_path):
    from laser_lab.train.trainer import Trainer

    logged = {}
    values = fast_values(init="tiny", tokenizer="qwen", tokenizer_path=str(QWEN_TOKENIZER), steps=1, out=str(tmp_path / "q"),
                         tiny_hidden_size=16, tiny_intermediate_size=32, warm_start_max_steps=0, device="cpu",
                         warm_start_cache=False, test_freq=0, max_response_length=6)
    trainer = Trainer(build_config(values), lambda step, m: logged.setdefault(step, m), MetricsPrinter(out=io.StringIO()))
    assert trainer.zc_id == 151652 and 151645 in trainer.eos_ids
    assert trainer.model.get_input_embeddings().weight.shape[0] == 151936
    trainer.fit()
    assert "actor/pg_loss" in logged[1] and (tmp_path / "q" / "global_step_1" / "tokenizer.json").is_file()
