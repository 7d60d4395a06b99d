import json
import struct
import zlib

import pytest

from laser_lab import plot_png


def test_pure_python_png():
    data = plot_png.line_panels([("F1", [("LASER", [0, 10, 20], [0.1, 0.5, 0.8], (200, 0, 0))], (0.0, 1.0))], 200, 120)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (200, 120)
    idat_len = struct.unpack(">I", data[33:37])[0]
    raw = zlib.decompress(data[41 : 41 + idat_len])
    assert len(raw) == height * (1 + 3 * width)
    assert raw.count(bytes((200, 0, 0))) > 20  # the line was drawn


def test_science_check_smoke(tmp_path):
    pytest.importorskip("torch")
    from laser_lab.science_check import run_check
    from train_helpers import fast_values

    result = run_check(tmp_path / "sci", seed=0, steps=2, test_freq=1, use_cache=False, log=False,
                       extra=fast_values(val_size=8))
    saved = json.loads((tmp_path / "sci" / "science_check.json").read_text())
    assert saved["laser_final_f1"] == result["laser_final_f1"]
    assert set(saved["runs"]) == {"laser", "grpo_baseline"}
    for run in saved["runs"].values():
        assert [p["step"] for p in run["curve"]] == [0, 1, 2]
        assert {"laser_f1", "accuracy"} <= set(run["curve"][-1])
        assert set(run["final_by_operation"]) <= {"+", "*"}
    # both runs start from the same warm-started weights and the same first rollout
    assert saved["runs"]["laser"]["curve"][0] == {**saved["runs"]["grpo_baseline"]["curve"][0],
                                                  "wall_s": saved["runs"]["laser"]["curve"][0]["wall_s"]}
    assert (tmp_path / "sci" / "science_check.png").read_bytes()[:4] == b"\x89PNG"
