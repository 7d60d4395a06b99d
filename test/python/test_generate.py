"""laser_lab.generate: sampling scores each sample in the same KV-cached pass, with the numbers a separate full pass gives."""

import json

from scoring_helpers import events_of, read_jsonl, run_module


def test_in_pass_scores_equal_a_full_forward_pass(tiny_char_checkpoint):
    from transformers import AutoModelForCausalLM

    from laser_lab.selfreward.model_folder import load_tokenizer
    from laser_lab.selfreward.sample_and_score import sample_and_score
    from laser_lab.selfreward.transformers_backend import last_token_logprobs
    from laser_lab.train.tokenization import encode_prompt

    tok = load_tokenizer(str(tiny_char_checkpoint))
    model = AutoModelForCausalLM.from_pretrained(str(tiny_char_checkpoint)).eval()
    prompts = [encode_prompt(tok, text) for text in ("What is 2+3?", "Compute 12*34, please.", "1+1")]
    rows = [p for p in prompts for _ in range(4)]
    # many stop tokens, so rows end at different steps while others go on, and some hit the limit
    stops = list(range(5, 15))
    got = sample_and_score(model, rows, 10, stops, tok.pad_token_id, 3, temperature=1.0, seed=3)
    assert any(got.finished) and not all(got.finished)
    assert len({len(r) for r in got.responses}) > 2
    full = last_token_logprobs(model, [p + r + [s] for p, r, s in zip(rows, got.responses, got.stop_tokens)], 3,
                               tok.pad_token_id)
    assert max(abs(a - b) for a, b in zip(got.zc_logprobs, full)) <= 1e-4

    plain = sample_and_score(model, rows, 10, stops, tok.pad_token_id, 3, temperature=1.0, seed=3, score=False)
    assert plain.responses == got.responses and plain.finished == got.finished
    assert plain.zc_logprobs == [None] * len(rows)


def test_generate_output_scores_equal_laser_lab_score(tiny_char_checkpoint, tmp_path):
    problems = tmp_path / "problems.jsonl"
    problems.write_text(json.dumps({"problem": "What is 2+3?", "answer": "5"}) + "\n"
                        + json.dumps({"problem": "What is 40+2?"}) + "\n", encoding="utf-8")
    generated = tmp_path / "generated.jsonl"
    res = run_module("laser_lab.generate", ["--model", str(tiny_char_checkpoint), "--input", str(problems), "--out",
                                            str(generated), "--n", "3", "--max-new-tokens", "12", "--device", "cpu"])
    assert res.returncode == 0, res.stderr[-2000:]
    evs = events_of(res.stdout)
    assert evs[-1]["event"] == "result" and evs[-1]["samples"] == 6
    assert {"event": "progress", "done": 6, "total": 6} in evs
    records = read_jsonl(generated)
    assert len(records[0]["responses"]) == 3 and len(records[0]["acc_list"]) == 3 and "acc_list" not in records[1]
    assert all(len(r["pred_answers"]) == 3 and len(r["finished"]) == 3 for r in records)

    rescored = tmp_path / "rescored.jsonl"
    res = run_module("laser_lab.score", ["--model", str(tiny_char_checkpoint), "--input", str(generated), "--out",
                                         str(rescored), "--device", "cpu"])
    assert res.returncode == 0, res.stderr[-2000:]
    for gen, again in zip(records, read_jsonl(rescored)):
        assert max(abs(a - b) for a, b in zip(gen["policy_model_logprobs"], again["policy_model_logprobs"])) <= 1e-4
        assert max(abs(a - b) for a, b in zip(gen["self_rewarding_scores"], again["self_rewarding_scores"])) <= 1e-5
