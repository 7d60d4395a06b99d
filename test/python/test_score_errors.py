"""laser_lab.score as a process: bad lines give per-line error events while the rest are scored; whole-file problems
(non-UTF-8 input, a model folder missing a file) give one clear error."""

import json
import shutil

from scoring_helpers import events_of, read_jsonl, run_module


def test_per_line_errors_keep_other_lines_scored(tiny_char_checkpoint, tmp_path):
    inp = tmp_path / "in.jsonl"
    good = {"problem": "What is 2+3?", "responses": ["\\boxed{5}", "", 7, "\\boxed{6}"]}
    inp.write_text("\n".join([json.dumps(good), json.dumps({"problem": "no responses"}), "{not json",
                              json.dumps({"problem": "What is 1+1?", "responses": ["\\boxed{2}"]})]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = run_module("laser_lab.score", ["--model", str(tiny_char_checkpoint), "--input", str(inp), "--out", str(out),
                                         "--device", "cpu"])
    assert res.returncode == 0, res.stderr[-2000:]
    evs = events_of(res.stdout)
    errors = {e["line"]: e["message"] for e in evs if e["event"] == "error"}
    assert set(errors) == {1, 2, 3}
    assert errors[1] == f"{inp}:1: response 1 is empty; response 2 is not a string"
    assert errors[2] == f"{inp}:2: no \"responses\" list"
    assert errors[3].startswith(f"{inp}:3: not valid JSON")
    assert all(e.get("fatal") is False for e in evs if e["event"] == "error")
    progress = [e for e in evs if e["event"] == "progress"]
    assert progress[-1] == {"event": "progress", "done": 3, "total": 3}
    result = [e for e in evs if e["event"] == "result"][0]
    assert result["scored"] == 3 and result["lines"] == 4 and [s["line"] for s in result["skipped_lines"]] == [2, 3]
    # the char tokenizer's z_c (Qwen's 151652 mapped by name)
    assert result["settings"]["self_reward_token_id"] == 3

    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[1] == json.dumps({"problem": "no responses"}) and lines[2] == "{not json"  # copied unchanged
    first, last = json.loads(lines[0]), json.loads(lines[3])
    assert [s is None for s in first["self_rewarding_scores"]] == [False, True, True, False]
    assert first["self_rewarding_errors"] == [None, "response 1 is empty", "response 2 is not a string", None]
    assert isinstance(last["self_rewarding_scores"][0], float) and "self_rewarding_errors" not in last


def test_non_utf8_input_is_a_clear_error(tiny_char_checkpoint, tmp_path):
    inp = tmp_path / "latin1.jsonl"
    inp.write_bytes(json.dumps({"problem": "a", "responses": ["b"]}).encode() + b"\n" + b'{"problem": "caf\xe9"}\n')
    res = run_module("laser_lab.score", ["--model", str(tiny_char_checkpoint), "--input", str(inp), "--out",
                                         str(tmp_path / "o.jsonl")])
    assert res.returncode == 1
    err = [e for e in events_of(res.stdout) if e["event"] == "error"]
    assert err[0]["message"] == f"laser_lab.score: {inp}:2: not UTF-8 (byte 0xe9 at column 17); expected a UTF-8 JSONL file"
    assert not (tmp_path / "o.jsonl").exists()


def test_model_folder_missing_a_file(tiny_char_checkpoint, tmp_path):
    from laser_lab.score import parse_args, run
    from laser_lab.selfreward.model_folder import ModelFolderError

    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({"problem": "a", "responses": ["b"]}) + "\n", encoding="utf-8")
    for missing, expected in (("tokenizer.json", "missing tokenizer.json"), ("config.json", "missing config.json"),
                              ("model.safetensors", "missing model weights")):
        broken = tmp_path / f"no-{missing}"
        shutil.copytree(tiny_char_checkpoint, broken)
        (broken / missing).unlink()
        try:
            run(parse_args(["--model", str(broken), "--input", str(inp), "--out", str(tmp_path / "o.jsonl")]))
        except ModelFolderError as exc:
            assert str(exc).startswith(f"{broken}: {expected}")
        else:
            raise AssertionError(f"no error without {missing}")
    assert read_jsonl(inp) == [{"problem": "a", "responses": ["b"]}]
