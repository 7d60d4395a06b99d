"""A checkpoint written by `laser_lab.train`: scoring reads its settings (calibrated c_ref from trainer_state.pt, z_c
mapped onto the char vocabulary) and reproduces the log-probs the trainer wrote into its validation JSONL."""

import json

from scoring_helpers import read_jsonl
from train_helpers import FAST, run_train

MAX_RESPONSE = 12  # FAST's max_response_length


def test_rescoring_a_trainer_run_reproduces_its_validation_logprobs(tmp_path):
    out = tmp_path / "run"
    proc = run_train(["--init", "tiny", "--task", "arithmetic", "--device", "cpu", "--seed", "0", "--steps", "2",
                      "--out", str(out), *FAST, "test_freq=2"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    from laser_lab.score import parse_args, run

    rescored = tmp_path / "rescored.jsonl"
    res = run(parse_args(["--model", str(out / "global_step_2"), "--input", str(out / "validation" / "step_2.jsonl"),
                          "--out", str(rescored), "--device", "cpu"]))
    settings = res["settings"]
    assert settings["from"]["c_ref"] == "trainer_state (calibrated)" and settings["c_ref"] > -23.0
    assert settings["self_reward_token_id"] == 3
    compared = 0
    for trained, again in zip(read_jsonl(out / "validation" / "step_2.jsonl"), read_jsonl(rescored)):
        for text, lp_train, lp_again, s_again in zip(trained["responses"], trained["policy_model_logprobs"],
                                                     again["policy_model_logprobs"], again["self_rewarding_scores"]):
            assert s_again == 0.1 * (lp_again - settings["c_ref"])
            # the trainer's texts drop special tokens; a text of full length (one char per token) lost none
            if len(text) == MAX_RESPONSE:
                assert abs(lp_train - lp_again) <= 1e-4
                compared += 1
    assert compared > 0
    assert json.loads((out / "global_step_2" / "laser_config.json").read_text())["calibrate_ref_constant"] is True
