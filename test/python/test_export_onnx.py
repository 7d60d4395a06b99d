"""export_onnx: the folder contract the TypeScript scorer reads, and onnxruntime ≡ torch on left-padded batches."""

import json
import shutil

import pytest

from scoring_helpers import events_of, run_module


@pytest.fixture(scope="module")
def exported(tiny_qwen_checkpoint, tmp_path_factory):
    out = tmp_path_factory.mktemp("onnx") / "model"
    from laser_lab.export_onnx import export

    export(str(tiny_qwen_checkpoint), str(out))
    return out


def test_folder_contract(exported, tiny_qwen_checkpoint):
    import onnx

    names = {p.name for p in exported.iterdir()}
    assert {"model.onnx", "config.json", "tokenizer.json", "tokenizer_config.json"} <= names
    cfg = json.loads((exported / "config.json").read_text())
    assert cfg["model_type"] == "qwen2" and cfg["vocab_size"] == 151936
    block = cfg["laser_lab"]
    assert block["self_reward_token_id"] == 151652
    assert block["beta"] == 0.1 and block["c_ref"] == -12.0  # from the checkpoint's laser_config.json
    assert block["eos_token_id"] == 151645 and block["pad_token_id"] == 151643
    assert block["prompt_template"] == "{problem}" and block["onnx_file"] == "model.onnx"
    assert block["max_context"] == 512 and block["source"] == str(tiny_qwen_checkpoint.resolve())
    tok_cfg = json.loads((exported / "tokenizer_config.json").read_text())
    assert tok_cfg["eos_token"] == "<|im_end|>" and tok_cfg["pad_token"] == "<|endoftext|>"
    assert "<|im_start|>" in tok_cfg["chat_template"]
    graph = onnx.load(str(exported / "model.onnx"), load_external_data=False).graph
    assert [i.name for i in graph.input] == ["input_ids", "attention_mask"]
    assert [o.name for o in graph.output] == ["last_logprobs"]
    dims = [[d.dim_param or d.dim_value for d in i.type.tensor_type.shape.dim] for i in graph.input]
    assert dims == [["batch", "seq"], ["batch", "seq"]]
    assert graph.input[0].type.tensor_type.elem_type == onnx.TensorProto.INT64
    assert graph.output[0].type.tensor_type.elem_type == onnx.TensorProto.FLOAT
    # tied embeddings are stored once (the LM head reads the embedding table through Gemm transB=1)
    big = [i.name for i in graph.initializer if len(i.dims) == 2 and 151936 in list(i.dims)]
    assert len(big) == 1


def test_onnxruntime_matches_torch_on_padded_batches(exported, tiny_qwen_checkpoint):
    import numpy as np
    from transformers import AutoModelForCausalLM

    from laser_lab.selfreward.onnx_check import onnx_last_logprobs, torch_last_logprobs

    model = AutoModelForCausalLM.from_pretrained(str(tiny_qwen_checkpoint)).eval()
    rows = [[151644, 872, 198, 3838, 374, 220, 17, 10, 18, 30, 151645, 198, 151644, 77091, 198, 59, 79075, 90, 20, 92, 151645],
            [151644], [151644, 872, 198, 16, 10, 16, 151645], list(range(1000, 1090))]
    reference = torch_last_logprobs(model, rows)
    batched = onnx_last_logprobs(exported / "model.onnx", rows, pad_id=151643)
    assert batched.shape == (4, 151936) and batched.dtype == np.float32
    assert float(np.abs(batched - reference).max()) <= 1e-4
    # the same rows one at a time (no padding) and padded with a different id give the same numbers
    alone = np.concatenate([onnx_last_logprobs(exported / "model.onnx", [r], pad_id=151643) for r in rows])
    assert float(np.abs(alone - batched).max()) <= 1e-5
    other_pad = onnx_last_logprobs(exported / "model.onnx", rows, pad_id=0)
    assert float(np.abs(other_pad - batched).max()) <= 1e-5
    # the distributions are far from uniform, so the comparison means something
    assert float(reference.max(axis=1).min()) > -8.0


def test_cli_arguments_override_and_char_tokenizer(tiny_char_checkpoint, tmp_path):
    out = tmp_path / "char-onnx"
    res = run_module("laser_lab.export_onnx", [str(tiny_char_checkpoint), str(out), "--beta", "0.5", "--c-ref", "-3.5",
                                               "--prompt-template", "Q: {problem}", "--verify"], timeout=180)
    assert res.returncode == 0, res.stderr[-2000:]
    result = [e for e in events_of(res.stdout) if e["event"] == "result"][0]
    block = json.loads((out / "config.json").read_text())["laser_lab"]
    assert result["laser_lab"] == block
    assert 0.0 <= result["verify_max_abs_diff"] <= 1e-4
    # the char tokenizer spells Qwen's <|vision_start|> as id 3, <|im_end|> as 2, <|endoftext|> as 0
    assert (block["self_reward_token_id"], block["eos_token_id"], block["pad_token_id"]) == (3, 2, 0)
    assert (block["beta"], block["c_ref"], block["prompt_template"]) == (0.5, -3.5, "Q: {problem}")


def test_missing_files_give_a_clear_error(tiny_qwen_checkpoint, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(tiny_qwen_checkpoint, broken)
    (broken / "model.safetensors").unlink()
    res = run_module("laser_lab.export_onnx", [str(broken), str(tmp_path / "out")])
    assert res.returncode == 1
    err = [e for e in events_of(res.stdout) if e["event"] == "error"][0]["message"]
    assert str(broken) in err and "model weights" in err
