import io
import json

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from laser_lab.train.config import build_config  # noqa: E402
from laser_lab.train.trainer import Trainer  # noqa: E402
from laser_lab.train.verl_console import MetricsPrinter  # noqa: E402
from train_helpers import fast_values  # noqa: E402


def _run(tmp_path, **extra):
    logged = {}
    out = io.StringIO()
    values = fast_values(init="tiny", device="cpu", warm_start_cache=False, out=str(tmp_path / "run"), **extra)
    Trainer(build_config(values), lambda step, m: logged.__setitem__(step, m), MetricsPrinter(values.get("log_format", "verl"), out)).fit()
    return logged, out.getvalue()


def test_warmups_reference_kl_integration_and_larse_d(tmp_path):
    logged, _ = _run(
        tmp_path, steps=3, test_freq=0, reasoning_warmup_steps=1, self_rewarding_warmup_steps=1,
        self_rewarding_advantages_integration_coef=0.5, self_rewarding_advantages_filtering_threshold=0.0,
        use_kl_loss=True, kl_loss_coef=0.01, ref_model_log_ratio_constant=0.0, entropy_coeff=0.001, ppo_epochs=2,
        ppo_mini_batch_size=2, ppo_micro_batch_size_per_gpu=2, length_penalty_method="larse-d", monitor_size=4,
    )
    # step 1: reasoning only; step 2: + self-reward loss; step 3: + advantage integration
    assert "actor/self_reward_loss" not in logged[1] and "actor/internal_reward_total_valid_solutions" not in logged[1]
    assert "actor/self_reward_loss" in logged[2] and "actor/self_rewarding_advantages_integration" not in logged[2]
    assert "actor/self_rewarding_advantages_integration" in logged[3]
    for step in (1, 2, 3):
        assert "actor/kl_loss" in logged[step]
        assert {"target_lengths/low", "target_lengths/medium", "target_lengths/high", "length_scores/mean",
                "dynamic_target_lengths/mean"} <= set(logged[step])
    # c_ref comes from the reference model, so no constant is logged
    assert "actor/self_reward_ref_constant" not in logged[3]
    assert not (tmp_path / "run" / "validation").exists()  # test_freq=0: no validation


def test_baseline_has_no_self_reward_terms_and_events_format(tmp_path):
    logged, text = _run(tmp_path, steps=1, use_self_reward_loss=False, log_format="events", rollout_name="vllm")
    assert "actor/self_reward_loss" not in logged[1]
    assert "actor/internal_reward_total_valid_solutions" not in logged[1]
    events = [json.loads(line) for line in text.splitlines()]
    assert [e["step"] for e in events] == [0, 1] and all(e["event"] == "metrics" for e in events)
    # validation still scores the baseline's z_c, so its self-verification can be compared
    assert "val-aux/arithmetic/self_reward/laser_f1" in events[1]["data"]
    rows = [json.loads(x) for x in (tmp_path / "run" / "validation" / "step_1.jsonl").read_text().splitlines()]
    assert len(rows) == 4 and "ref_model_logprobs" not in rows[0]
