import json

import pytest

from laser_lab.train.config import TINY_PRESET, build_config, load_config_file


def test_verl_keys_nested_and_dotted(tmp_path):
    path = tmp_path / "run.json"
    path.write_text(json.dumps({
        "actor_rollout_ref": {"actor": {"self_reward_kl_coef": 0.2, "optim": {"lr": 5e-6}, "reasoning_warmup_steps": 3},
                              "rollout": {"n": 4, "val_kwargs": {"n": 3}}},
        "actor_rollout_ref.actor.ref_model_log_ratio_constant": -25.0,
        "algorithm.adv_estimator": "grpo",
        "trainer.total_training_steps": 7,
        "model_path": "/models/x",
    }))
    cfg = build_config(load_config_file(str(path)))
    assert (cfg.self_reward_kl_coef, cfg.lr, cfg.reasoning_warmup_steps, cfg.n, cfg.val_n) == (0.2, 5e-6, 3, 4, 3)
    assert cfg.ref_model_log_ratio_constant == -25.0 and cfg.steps == 7 and cfg.model_path == "/models/x"


def test_yaml_config_and_precedence(tmp_path):
    pytest.importorskip("yaml")
    path = tmp_path / "run.yaml"
    path.write_text("init: tiny\nlr: 0.01\nsteps: 5\nself_reward_loss_balanced: false\n")
    cfg = build_config(load_config_file(str(path)), {"steps": 9}, ["actor_rollout_ref.actor.self_reward_loss_coef=0.3", "seed=4"])
    assert cfg.lr == 0.01  # file beats the tiny preset
    assert cfg.arithmetic_ops == TINY_PRESET["arithmetic_ops"]  # preset beats defaults
    assert cfg.steps == 9 and cfg.seed == 4 and cfg.self_reward_loss_coef == 0.3
    assert cfg.self_reward_loss_balanced is False


def test_unknown_key_names_the_file(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"init": "tiny", "self_reward_kl_cof": 0.1}')
    with pytest.raises(ValueError, match="bad.json: unknown option 'self_reward_kl_cof'"):
        load_config_file(str(path))


def test_invalid_json_names_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{\n"init": tiny\n}')
    with pytest.raises(ValueError, match=r"bad.json:2: invalid JSON"):
        load_config_file(str(path))


def test_validation_errors():
    with pytest.raises(ValueError, match="model_path"):
        build_config({})
    with pytest.raises(ValueError, match="length_penalty_method"):
        build_config({"init": "tiny", "length_penalty_method": "kimi"})
