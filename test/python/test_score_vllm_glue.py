"""The vLLM backend's glue (what it sends, which log-prob it reads), run against a stand-in `vllm` module that
answers prompt_logprobs from the transformers model: the scores must equal the transformers backend's."""

import argparse
import json
import sys
import types

import pytest


class _Logprob:
    def __init__(self, value):
        self.logprob = value


class _FakeLLM:
    created = []

    def __init__(self, model, **kwargs):
        from transformers import AutoModelForCausalLM

        self.kwargs = {"model": model, **kwargs}
        self.model = AutoModelForCausalLM.from_pretrained(model).eval()
        _FakeLLM.created.append(self)

    def generate(self, prompts, params, use_tqdm=False):
        import torch

        assert params.kwargs["prompt_logprobs"] == 0 and params.kwargs["max_tokens"] == 1
        outs = []
        for prompt in prompts:
            ids = prompt["prompt_token_ids"]
            with torch.no_grad():
                logp = torch.log_softmax(self.model(torch.tensor([ids])).logits[0].float(), -1)
            # vLLM: None for the first token, then {token id: Logprob} of each prompt token given what precedes it
            plp = [None] + [{ids[i]: _Logprob(float(logp[i - 1, ids[i]]))} for i in range(1, len(ids))]
            outs.append(types.SimpleNamespace(prompt_logprobs=plp))
        return outs


class _FakeSamplingParams:
    def __init__(self, **kwargs):
        self.kwargs = kwargs


@pytest.fixture
def fake_vllm(monkeypatch):
    module = types.ModuleType("vllm")
    module.LLM = _FakeLLM
    module.SamplingParams = _FakeSamplingParams
    monkeypatch.setitem(sys.modules, "vllm", module)
    _FakeLLM.created.clear()
    return module


def test_vllm_backend_reads_the_z_c_prompt_logprob(fake_vllm, tiny_qwen_checkpoint, tmp_path):
    from laser_lab.score import run

    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({"problem": "What is 2+3?", "responses": ["\\boxed{5}", "\\boxed{6}"]}) + "\n", encoding="utf-8")
    outs = {}
    for backend in ("vllm", "transformers"):
        out = tmp_path / f"{backend}.jsonl"
        run(argparse.Namespace(model=str(tiny_qwen_checkpoint), input=str(inp), out=str(out), backend=backend,
                               token_id=None, beta=None, c_ref=None, ref_model=None, batch_tokens=8192, device="cpu",
                               dtype="float32", prompt_template=None))
        outs[backend] = json.loads(out.read_text())
    assert _FakeLLM.created[0].kwargs["enable_prefix_caching"] is True
    assert outs["vllm"]["policy_model_logprobs"] == pytest.approx(outs["transformers"]["policy_model_logprobs"], abs=1e-5)
    assert outs["vllm"]["self_rewarding_scores"] == pytest.approx(outs["transformers"]["self_rewarding_scores"], abs=1e-6)
