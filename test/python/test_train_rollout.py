import pytest

torch = pytest.importorskip("torch")

from laser_lab.train.loss import grpo_advantages, integrate_advantages, self_rewarding_advantages  # noqa: E402
from laser_lab.train.rollout import pack, place_self_reward_token, split_at_eos  # noqa: E402

PAD, EOS, ZC = 0, 2, 3


def test_split_at_eos_marks_finished_and_truncated():
    assert split_at_eos([5, 6, EOS, PAD, PAD], [EOS], 5) == ([5, 6, EOS], True)
    assert split_at_eos([5, 6, 7, 8, 9], [EOS], 5) == ([5, 6, 7, 8, 9], False)
    # an EOS past the budget does not count
    assert split_at_eos([5, 6, 7, EOS], [EOS], 3) == ([5, 6, 7], False)
    # any of several eos ids ends the response
    assert split_at_eos([5, 9, 1], [EOS, 9], 3) == ([5, 9], True)


def test_self_reward_token_goes_right_after_eos_and_never_on_truncated():
    assert place_self_reward_token([5, 6, EOS], True, ZC) == ([5, 6, EOS, ZC], 3)
    assert place_self_reward_token([5, 6, 7], False, ZC) == ([5, 6, 7], None)


def test_pack_layout():
    prompts = [[10, 11, 12], [10]]
    responses = [[5, EOS], [5, 6, 7]]  # finished, truncated
    pk = pack(prompts, responses, [True, False], ZC, PAD)
    assert pk.input_ids.tolist() == [[10, 11, 12, 5, EOS, ZC], [10, 5, 6, 7, PAD, PAD]]
    assert pk.attention_mask.tolist() == [[1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 0, 0]]
    assert pk.targets.tolist() == [[5, EOS, ZC, PAD], [5, 6, 7, PAD]]
    # the logits that predict response column j sit at prompt_len - 1 + j
    assert pk.target_pos.tolist() == [[2, 3, 4, 5], [0, 1, 2, 3]]
    # z_c is not a response token: no policy loss on it
    assert pk.response_mask.tolist() == [[1, 1, 0, 0], [1, 1, 1, 0]]
    assert pk.zc_index.tolist() == [2, 0]
    assert pk.has_zc.tolist() == [True, False]


def test_grpo_advantages_by_group():
    adv = grpo_advantages(torch.tensor([1.0, 0.0, 0.0, 1.0, 1.0, 1.0]), [0, 0, 0, 0, 1, 1])
    std = torch.tensor([1.0, 0.0, 0.0, 1.0]).std().item()  # unbiased: 0.57735
    assert adv[:4].tolist() == pytest.approx([0.5 / (std + 1e-6), -0.5 / (std + 1e-6), -0.5 / (std + 1e-6), 0.5 / (std + 1e-6)])
    assert adv[4:].tolist() == [0.0, 0.0]
    assert grpo_advantages(torch.tensor([1.0]), [0]).tolist() == pytest.approx([1.0 / (1 + 1e-6)])


def test_self_rewarding_advantages_and_integration():
    # group 0: scores clipped to [0, 1]; the truncated one counts as 0. group 1: flat scores -> keep verifier advantage
    s = torch.tensor([1.7, 0.25, -0.3, 0.9, 0.62, 0.6])
    finished = torch.tensor([True, True, True, False, True, True])
    adv = torch.tensor([0.8, -0.4, -0.4, 0.0, 0.7, -0.7])
    a_self = self_rewarding_advantages(s, finished, [0, 0, 0, 0, 1, 1], adv, threshold=0.1)
    g0 = torch.tensor([1.0, 0.25, 0.0, 0.0])
    expected0 = ((g0 - g0.mean()) / g0.std()).tolist()
    assert a_self[:4].tolist() == pytest.approx(expected0)
    assert a_self[4:].tolist() == pytest.approx([0.7, -0.7])  # std 0.014 <= 0.1: falls back to the verifier advantage
    mixed = integrate_advantages(adv, a_self, 0.1)
    assert mixed.tolist() == pytest.approx([0.9 * a + 0.1 * b for a, b in zip(adv.tolist(), a_self.tolist())])
    assert mixed[4:].tolist() == pytest.approx([0.7, -0.7])
