"""laser_lab.score (transformers backend): the same numbers as the trainer's full-logits forward pass, independent of
batching and padding, with the real Qwen tokenizer's ids and chat template."""

import argparse
import json
import math

import pytest

QWEN_SEQUENCE = [151644, 872, 198, 3838, 374, 220, 17, 10, 18, 30, 151645, 198, 151644, 77091, 198,
                 59, 79075, 90, 20, 92, 151645]


def _args(model, inp, out, **kw):
    base = dict(model=str(model), input=str(inp), out=str(out), backend="transformers", token_id=None, beta=None,
                c_ref=None, ref_model=None, batch_tokens=8192, device="cpu", dtype="float32", prompt_template=None)
    base.update(kw)
    return argparse.Namespace(**base)


def _write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


RECORDS = [
    {"problem": "What is 2+3?", "answer": "5", "responses": ["\\boxed{5}", "\\boxed{6}", "5, so \\boxed{5}"]},
    {"problem": "What is 12*3?", "answer": "36", "responses": ["\\boxed{36}", "It is 12*3 = 36.\nSo \\boxed{36}"]},
    {"problem": "Compute 7-9.", "answer": "-2", "responses": ["\\boxed{-2}"]},
]


def test_qwen_tokenizer_ids_and_chat_template(tiny_qwen_checkpoint):
    from laser_lab.selfreward.model_folder import load_tokenizer
    from laser_lab.selfreward.sequences import build_sequence
    from laser_lab.selfreward.settings import resolve_settings

    tok = load_tokenizer(str(tiny_qwen_checkpoint))
    seq = build_sequence(tok, resolve_settings(str(tiny_qwen_checkpoint)), "What is 2+3?", "\\boxed{5}", None)
    assert seq.ids == QWEN_SEQUENCE and not seq.truncated
    assert tok.decode(seq.ids) == "<|im_start|>user\nWhat is 2+3?<|im_end|>\n<|im_start|>assistant\n\\boxed{5}<|im_end|>"


def test_scores_equal_the_trainers_full_logits_pass(tiny_qwen_checkpoint, tmp_path):
    import torch
    from transformers import AutoModelForCausalLM

    from laser_lab.score import run
    from laser_lab.selfreward.model_folder import load_tokenizer
    from laser_lab.train.forward import self_reward_logprob, token_logprobs
    from laser_lab.train.rollout import pack
    from laser_lab.train.tokenization import encode_prompt

    out = tmp_path / "scored.jsonl"
    res = run(_args(tiny_qwen_checkpoint, _write(tmp_path / "in.jsonl", RECORDS), out, batch_tokens=64))
    assert res["scored"] == 6 and res["truncated"] == 0
    scored = [json.loads(x) for x in out.read_text().splitlines()]

    # naive: the trainer's packing (prompt ++ response ++ EOS ++ z_c, right-padded) and full [B, R, V] logits
    tok = load_tokenizer(str(tiny_qwen_checkpoint))
    model = AutoModelForCausalLM.from_pretrained(str(tiny_qwen_checkpoint)).eval()
    prompts, responses = [], []
    for rec in RECORDS:
        for resp in rec["responses"]:
            prompts.append(encode_prompt(tok, rec["problem"]))
            responses.append(tok(resp, add_special_tokens=False).input_ids + [tok.eos_token_id])
    packed = pack(prompts, responses, [True] * len(responses), 151652, tok.pad_token_id)
    with torch.no_grad():
        logp, _ = token_logprobs(model, packed)
        naive = self_reward_logprob(logp, packed).tolist()
        # and the plainest possible reading: the full model on one sequence, log_softmax of the last logits
        plain = [float(torch.log_softmax(model(torch.tensor([p + r])).logits[0, -1], -1)[151652])
                 for p, r in zip(prompts, responses)]
    got = [lp for rec in scored for lp in rec["policy_model_logprobs"]]
    assert max(abs(a - b) for a, b in zip(got, naive)) <= 1e-4
    assert max(abs(a - b) for a, b in zip(got, plain)) <= 1e-4
    scores = [s for rec in scored for s in rec["self_rewarding_scores"]]
    assert all(math.isclose(s, 0.1 * (lp - (-12.0)), abs_tol=1e-9) for s, lp in zip(scores, got))
    assert len(set(round(x, 6) for x in got)) > 1  # different contexts give different log-probs


def test_batching_and_padding_do_not_change_scores(tiny_qwen_checkpoint, tmp_path):
    from laser_lab.score import run

    inp = _write(tmp_path / "in.jsonl", RECORDS)
    results = []
    for budget in (1, 40, 100000):  # one per batch, a few per batch (mixed lengths), everything in one batch
        out = tmp_path / f"out-{budget}.jsonl"
        run(_args(tiny_qwen_checkpoint, inp, out, batch_tokens=budget))
        results.append([s for line in out.read_text().splitlines() for s in json.loads(line)["policy_model_logprobs"]])
    for other in results[1:]:
        assert max(abs(a - b) for a, b in zip(results[0], other)) <= 1e-5


def test_settings_arguments_and_reference_model(tiny_qwen_checkpoint, tmp_path):
    from laser_lab.score import run

    inp = _write(tmp_path / "in.jsonl", RECORDS[:1])
    out = tmp_path / "out.jsonl"
    run(_args(tiny_qwen_checkpoint, inp, out, beta=0.5, c_ref=-20.0))
    rec = json.loads(out.read_text())
    assert rec["self_rewarding_scores"] == pytest.approx([0.5 * (lp + 20.0) for lp in rec["policy_model_logprobs"]])
    # the policy as its own reference: every score is exactly 0, and both log-prob lists are written
    res = run(_args(tiny_qwen_checkpoint, inp, out, ref_model=str(tiny_qwen_checkpoint)))
    rec = json.loads(out.read_text())
    assert rec["ref_model_logprobs"] == rec["policy_model_logprobs"]
    assert rec["self_rewarding_scores"] == [0.0, 0.0, 0.0]
    assert res["settings"]["c_ref"] is None


def test_too_long_response_is_cut_from_the_left_and_flagged(tiny_qwen_checkpoint, tmp_path):
    from laser_lab.score import run
    from laser_lab.selfreward.model_folder import load_tokenizer
    from laser_lab.selfreward.transformers_backend import last_token_logprobs
    from transformers import AutoModelForCausalLM

    long = " ".join(str(i) for i in range(400))  # > 512 tokens with the Qwen tokenizer
    inp = _write(tmp_path / "in.jsonl", [{"problem": "Count.", "responses": [long, "\\boxed{1}"]}])
    out = tmp_path / "out.jsonl"
    res = run(_args(tiny_qwen_checkpoint, inp, out))
    rec = json.loads(out.read_text())
    assert res["truncated"] == 1
    assert rec["self_rewarding_truncated"] == [True, False]
    tok = load_tokenizer(str(tiny_qwen_checkpoint))
    ids = tok(long, add_special_tokens=False).input_ids + [tok.eos_token_id]
    model = AutoModelForCausalLM.from_pretrained(str(tiny_qwen_checkpoint)).eval()
    expected = last_token_logprobs(model, [ids[-512:]], 151652, tok.pad_token_id)[0]
    assert rec["policy_model_logprobs"][0] == pytest.approx(expected, abs=1e-5)
