import pytest

from laser_lab.train import length_shaping
from laser_lab.train.tasks import ArithmeticTask, MathJsonlTask
from laser_lab.train.tasks.answer import answers_match, last_boxed, normalize_answer
from train_helpers import FIXTURES


def test_arithmetic_is_seeded_and_holds_out_validation():
    a, b = ArithmeticTask(3, ops="+*", val_size=32), ArithmeticTask(3, ops="+*", val_size=32)
    assert a.train_batch(5, 8) == b.train_batch(5, 8)
    assert a.train_batch(5, 8) != a.train_batch(6, 8)
    held = {p.problem for p in a.val_problems()}
    assert len(held) == 32
    for step in range(1, 50):
        assert not held & {p.problem for p in a.train_batch(step, 16)}
    p = a.val_problems()[0]
    assert p.problem.startswith("What is ") and p.problem.endswith("?")
    assert a.verify(p, "\\boxed{" + p.answer + "}") == (p.answer, True)
    assert a.verify(p, "\\boxed{" + str(int(p.answer) + 1) + "}")[1] is False
    assert a.verify(p, "no answer") == (None, False)


def test_boxed_extraction_and_normalisation():
    assert last_boxed("so \\boxed{\\frac{1}{2}} and finally \\boxed{3}") == "3"
    assert last_boxed("\\boxed{\\frac{1}{2}}") == "\\frac{1}{2}"
    assert last_boxed("\\boxed{unclosed") is None
    assert last_boxed("nothing") is None
    assert normalize_answer(" \\text{90}^\\circ ") == "90"
    assert normalize_answer("1,000") == "1000"
    assert answers_match("0.5", "\\frac{1}{2}", use_math_verify=False)
    assert answers_match("\\dfrac{3}{4}", "\\frac{3}{4}", use_math_verify=False)
    assert not answers_match("5", "6", use_math_verify=False)
    assert not answers_match(None, "6")


def test_math_verify_when_installed():
    pytest.importorskip("math_verify")
    assert answers_match("x+1", "1+x")


def test_math_jsonl_task():
    task = MathJsonlTask(str(FIXTURES / "math_small.jsonl"), None, seed=0, val_size=2, use_math_verify=False)
    assert len(task.val_problems()) == 1  # a fifth of six, at least one
    batch = task.train_batch(1, 3)
    assert len(batch) == 3 and all(p.data_source == "tiny_math" for p in batch)
    assert task.train_batch(1, 3) == batch
    assert task.prompt_text(batch[0]).endswith("within \\boxed{}.")
    prob = [p for p in batch + task.train_batch(2, 3) + task.val_problems() if p.answer == "\\frac{1}{2}"][0]
    assert task.verify(prob, "It is \\boxed{0.5}.") == ("0.5", True)


def test_math_jsonl_bad_line_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"problem": "a", "answer": "1"}\n{"problem": "b"}\n')
    with pytest.raises(ValueError, match=r"bad.jsonl:2: each line needs"):
        MathJsonlTask(str(bad), None, seed=0)


def test_larse_and_larse_d():
    assert length_shaping.larse_bonus([True, True, False], [5, 9, 3], [8, 8, 8], 0.5) == [0.5, 0.0, 0.0]
    # monitor: question 0 always right (high), question 1 never (low); lengths per response
    correct = [True, True, True, False, False, False]
    lengths = [4, 5, 6, 9, 10, 12]
    groups = [0, 0, 0, 1, 1, 1]
    targets = length_shaping.choose_target_lengths(correct, lengths, groups, 3, [4, 6, 8, 10, 12], 16)
    # high: expects int(3·2/3)=2 correct; coverage(L) · 2 >= 1 first at L=4? int(1/3·2)=0; L=6: int(1·2)=2 -> 6
    # low: expects 1; coverage needs to be 1: L=12. medium has no questions: stays at the maximum
    assert targets == {"low": 12, "medium": 16, "high": 6}
    scores, bonus, per_sample = length_shaping.shaped_scores(correct, lengths, groups, "larse-d", 0.5, 8, targets)
    assert per_sample == [6, 6, 6, 12, 12, 12]
    assert bonus == [0.5, 0.5, 0.5, 0.0, 0.0, 0.0]
    assert scores == [1.5, 1.5, 1.5, 0.0, 0.0, 0.0]
