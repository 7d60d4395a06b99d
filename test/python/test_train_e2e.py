import json
import shutil

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from train_helpers import FAST, run_train, step_lines  # noqa: E402

TINY = ["--init", "tiny", "--task", "arithmetic", "--device", "cpu", "--seed", "0"]
REQUIRED = [
    "critic/score/mean", "response_length/mean", "response_length/clip_ratio", "actor/pg_loss", "actor/entropy",
    "actor/grad_norm", "actor/self_reward_loss", "actor/internal_reward_total_valid_solutions",
    "actor/internal_reward_valid_solutions_total_correct", "actor/internal_reward_total_valid_correct_solutions",
    "actor/internal_reward_total_valid_incorrect_solutions", "actor/internal_reward_valid_correct_solutions_total_correct",
    "actor/internal_reward_valid_incorrect_solutions_total_correct", "timing_s/step",
]
EVAL_KEYS = {"problem", "answer", "responses", "pred_answers", "acc_list", "self_rewarding_scores", "model"}


@pytest.fixture(scope="module")
def two_steps(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("e2e")
    out = tmp / "run"
    proc = run_train([*TINY, "--steps", "2", "--out", str(out), *FAST, "save_freq=1"], tmp)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return tmp, out, proc


def test_cli_two_steps_logs_verl_lines(two_steps):
    _, _, proc = two_steps
    steps = step_lines(proc.stdout)
    assert sorted(steps) == [0, 1, 2]
    assert "val-core/arithmetic/reward/mean@2" in steps[0]
    for step in (1, 2):
        missing = [k for k in REQUIRED if k not in steps[step]]
        assert not missing, missing
        n = float(steps[step]["actor/internal_reward_total_valid_solutions"])
        p = float(steps[step]["actor/internal_reward_total_valid_correct_solutions"])
        nn = float(steps[step]["actor/internal_reward_total_valid_incorrect_solutions"])
        assert n == p + nn and n <= 8
    assert "val-core/arithmetic/reward/mean@2" in steps[2]
    assert "Training Progress: 100%|██████████| 2/2 [" in proc.stderr
    assert all(line.startswith("step:") for line in proc.stdout.splitlines())


def test_checkpoints_are_hf_folders(two_steps):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    _, out, _ = two_steps
    assert (out / "latest_checkpointed_iteration.txt").read_text() == "2"
    for step in (1, 2):
        folder = out / f"global_step_{step}"
        assert (folder / "config.json").is_file() and (folder / "model.safetensors").is_file()
        assert (folder / "trainer_state.pt").is_file()
    model = AutoModelForCausalLM.from_pretrained(out / "global_step_2")
    tok = AutoTokenizer.from_pretrained(out / "global_step_2")
    assert model.config.model_type == "qwen2"
    assert tok.convert_ids_to_tokens(3) == "<|vision_start|>"


def test_eval_jsonl_shape(two_steps):
    _, out, _ = two_steps
    rows = [json.loads(line) for line in (out / "validation" / "step_2.jsonl").read_text().splitlines()]
    assert len(rows) == 4
    for row in rows:
        assert EVAL_KEYS <= set(row)
        assert row["problem"].startswith("What is ")
        n = len(row["responses"])
        assert n == 2 and len(row["pred_answers"]) == n and len(row["acc_list"]) == n
        assert len(row["self_rewarding_scores"]) == n
        assert all(isinstance(a, bool) for a in row["acc_list"])
        for pred, score in zip(row["pred_answers"], row["self_rewarding_scores"]):
            assert pred is None or isinstance(pred, str)
            if pred is None:
                assert score == 0.0


def test_resume_auto_continues_and_matches_an_uninterrupted_run(two_steps):
    tmp, out, _ = two_steps
    resumed = tmp / "resumed"
    shutil.copytree(out, resumed)
    proc = run_train([*TINY, "--steps", "3", "--out", str(resumed), "--resume", "auto", *FAST, "save_freq=1"], tmp)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "resuming from" in proc.stderr and "[warm-start] step" not in proc.stderr
    steps = step_lines(proc.stdout)
    assert sorted(steps) == [3]
    assert (resumed / "latest_checkpointed_iteration.txt").read_text() == "3"

    straight = run_train([*TINY, "--steps", "3", "--out", str(tmp / "straight"), *FAST], tmp)
    assert straight.returncode == 0, straight.stderr[-3000:]
    ref = step_lines(straight.stdout)[3]
    for key in ("critic/score/mean", "response_length/mean", "actor/self_reward_ref_constant"):
        assert float(steps[3][key]) == pytest.approx(float(ref[key]), rel=1e-5), key
    assert float(steps[3]["actor/pg_loss"]) == pytest.approx(float(ref["actor/pg_loss"]), abs=1e-4)


def test_bad_config_gives_error_event(tmp_path):
    proc = run_train(["--config", str(tmp_path / "missing.yaml")], tmp_path)
    assert proc.returncode == 2
    event = json.loads(proc.stdout.strip().splitlines()[-1])
    assert event["event"] == "error" and "missing.yaml" in event["message"]
