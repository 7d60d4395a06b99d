import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "python"))


import pytest  # noqa: E402


@pytest.fixture(scope="session")
def tiny_qwen_checkpoint(tmp_path_factory):
    """A deterministic random-init tiny Qwen2 checkpoint with the real Qwen tokenizer (built once per session)."""
    from laser_lab.testing.make_tiny_checkpoint import make_tiny_checkpoint

    return make_tiny_checkpoint(str(tmp_path_factory.mktemp("tiny-qwen") / "ckpt"), "qwen", seed=0)


@pytest.fixture(scope="session")
def tiny_char_checkpoint(tmp_path_factory):
    from laser_lab.testing.make_tiny_checkpoint import make_tiny_checkpoint

    return make_tiny_checkpoint(str(tmp_path_factory.mktemp("tiny-char") / "ckpt"), "char", seed=1)
