import math

import pytest

torch = pytest.importorskip("torch")

from laser_lab.train.forward import self_reward_logprob, token_logprobs  # noqa: E402
from laser_lab.train.loss import (  # noqa: E402
    COUNTER_KEYS,
    balanced_weights,
    kl_penalty,
    laser_f1,
    policy_loss,
    self_reward_loss,
    self_reward_scores,
    self_verification_counts,
)
from laser_lab.train.rollout import pack  # noqa: E402

PAD, A, B, EOS, ZC = 0, 1, 2, 3, 4


class BigramLM(torch.nn.Module):
    """logits at a position depend only on the token there: row `table[token]`; hand-computable log-probs."""

    def __init__(self, table):
        super().__init__()
        self.model = torch.nn.Embedding.from_pretrained(torch.tensor(table, dtype=torch.float32), freeze=False)
        self.head = torch.nn.Identity()

    @property
    def base_model(self):
        outer = self

        class _Base(torch.nn.Module):
            def forward(self, input_ids, attention_mask=None, position_ids=None, use_cache=False):
                return type("Out", (), {"last_hidden_state": outer.model(input_ids)})()

        return _Base()

    def get_output_embeddings(self):
        return self.head


def _log_softmax(row, index):
    return row[index] - math.log(sum(math.exp(v) for v in row))


TABLE = [
    [0.0, 0.0, 0.0, 0.0, 0.0],  # after PAD
    [0.0, 1.0, 2.0, 0.5, 0.0],  # after A
    [0.0, 0.0, 1.0, 2.0, -1.0],  # after B
    [0.0, 0.0, 0.0, 0.0, 1.5],  # after EOS: z_c gets log softmax([0,0,0,0,1.5])[4]
    [0.0, 0.0, 0.0, 0.0, 0.0],
]


def test_two_sample_loss_by_hand():
    """Sample 0: prompt [A], response [B, EOS] (finished, correct). Sample 1: prompt [A], response [A, A] (truncated)."""
    model = BigramLM(TABLE)
    packed = pack([[A], [A]], [[B, EOS], [A, A]], [True, False], ZC, PAD)
    logp, _ = token_logprobs(model, packed)
    # response log-probs come from the previous token's row; z_c from the EOS row, in the same pass
    assert logp[0, 0].item() == pytest.approx(_log_softmax(TABLE[A], B))
    assert logp[0, 1].item() == pytest.approx(_log_softmax(TABLE[B], EOS))
    zc = self_reward_logprob(logp, packed)
    assert zc[0].item() == pytest.approx(_log_softmax(TABLE[EOS], ZC))  # log(e^1.5 / (4 + e^1.5)) = -0.701
    assert zc[1].item() == 0.0  # truncated: no z_c at all
    assert packed.response_mask.tolist() == [[1, 1, 0], [1, 1, 0]]

    beta, c_ref, coef = 0.1, -23.0, 0.1
    s = self_reward_scores(zc, c_ref, beta)
    assert s[0].item() == pytest.approx(0.1 * (math.log(math.exp(1.5) / (4 + math.exp(1.5))) + 23.0))  # 2.2299
    rewards = torch.tensor([1.0, 0.0])
    finished = packed.has_zc
    w = balanced_weights(rewards, finished)
    # one finished response, correct: total / (2·#correct) = 1/2; the truncated incorrect one: no finished incorrect -> 0
    assert w.tolist() == [0.5, 0.0]
    sr = self_reward_loss(s, rewards, finished, w)
    expected = 0.5 * ((0.1 * (math.log(math.exp(1.5) / (4 + math.exp(1.5))) + 23.0) - 1.0) ** 2) / 2
    assert sr.item() == pytest.approx(expected)

    # policy loss at ratio 1: token-mean of -A over the 4 response tokens
    adv = torch.tensor([1.0, -0.5])
    pg, clipfrac, ppo_kl, _ = policy_loss(logp.detach(), logp, adv, packed.response_mask)
    assert pg.item() == pytest.approx((-1.0 * 2 + 0.5 * 2) / 4)
    assert clipfrac.item() == 0.0 and ppo_kl.item() == 0.0
    total = pg + coef * sr
    assert total.item() == pytest.approx(-0.25 + 0.1 * expected)
    total.backward()
    # the EOS row of the table (only reachable through z_c) received gradient; the truncated sample added none there
    assert model.model.weight.grad[EOS].abs().sum() > 0


def test_balanced_weights_match_class_counts():
    rewards = torch.tensor([1.0, 0.0, 0.0, 1.0, 0.0])
    finished = torch.tensor([True, True, True, False, True])
    # finished: 1 correct, 3 incorrect, total 4 -> correct 4/(2·1) = 2, incorrect 4/(2·3) = 2/3
    w = balanced_weights(rewards, finished)
    assert w.tolist() == pytest.approx([2.0, 2 / 3, 2 / 3, 2.0, 2 / 3])
    # one class only: the fork's formula still halves it (total / (2·count) = 0.5)
    assert balanced_weights(torch.tensor([1.0, 1.0]), torch.tensor([True, True])).tolist() == [0.5, 0.5]
    assert balanced_weights(torch.tensor([1.0, 0.0]), torch.tensor([False, False])).tolist() == [0.0, 0.0]


def test_balanced_weights_single_class_gives_zero_to_missing_class():
    w = balanced_weights(torch.tensor([0.0, 0.0, 1.0]), torch.tensor([True, True, False]))
    # only incorrect finished responses: incorrect weight 2/(2·2) = 0.5; the (truncated) correct one gets 0
    assert w.tolist() == [0.5, 0.5, 0.0]


def test_self_reward_loss_ignores_truncated_and_averages_over_batch():
    s = torch.tensor([0.3, 0.8, 5.0])
    r = torch.tensor([1.0, 0.0, 0.0])
    finished = torch.tensor([True, True, False])
    assert self_reward_loss(s, r, finished).item() == pytest.approx((0.49 + 0.64) / 3)
    s.requires_grad_(True)
    self_reward_loss(s, r, finished).backward()
    assert s.grad[2].item() == 0.0
    assert s.grad[0].item() == pytest.approx(2 * (0.3 - 1.0) / 3)


def test_counters_and_f1():
    s = torch.tensor([0.7, 0.2, 0.6, 0.4, 0.9, 0.5])
    r = torch.tensor([1.0, 1.0, 0.0, 0.0, 1.0, 0.0])
    finished = torch.tensor([True, True, True, True, False, True])
    c = self_verification_counts(s, r, finished)
    N, C, P, Nn, TP, TN = (c[k] for k in COUNTER_KEYS)
    # 0.5 is not > 0.5: predicted incorrect
    assert (N, C, P, Nn, TP, TN) == (5, 3, 2, 3, 1, 2)
    assert laser_f1(TP, P, TN, Nn) == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert laser_f1(0, 2, 3, 3) == 0.0
    assert COUNTER_KEYS == (
        "actor/internal_reward_total_valid_solutions",
        "actor/internal_reward_valid_solutions_total_correct",
        "actor/internal_reward_total_valid_correct_solutions",
        "actor/internal_reward_total_valid_incorrect_solutions",
        "actor/internal_reward_valid_correct_solutions_total_correct",
        "actor/internal_reward_valid_incorrect_solutions_total_correct",
    )


def test_policy_loss_clipping_by_hand():
    old = torch.zeros(2, 2)
    logp = torch.tensor([[math.log(1.5), math.log(1.5)], [math.log(0.5), 0.0]])
    mask = torch.tensor([[1.0, 1.0], [1.0, 0.0]])
    adv = torch.tensor([1.0, -1.0])
    loss, clipfrac, ppo_kl, clip_lower = policy_loss(old, logp, adv, mask, 0.2, 0.2, 3.0)
    # sample 0: ratio 1.5, A=+1 -> max(-1.5, -1.2) = -1.2 (twice); sample 1: ratio 0.5, A=-1 -> max(0.5, 0.8) = 0.8
    assert loss.item() == pytest.approx((-1.2 - 1.2 + 0.8) / 3)
    assert clipfrac.item() == pytest.approx(1.0)
    assert ppo_kl.item() == pytest.approx(-(2 * math.log(1.5) + math.log(0.5)) / 3)
    assert clip_lower.item() == 0.0
    # dual clip: a huge ratio with a negative advantage is capped at clip_ratio_c · |A|
    big, _, _, lower = policy_loss(torch.zeros(1, 1), torch.tensor([[math.log(10.0)]]), torch.tensor([-1.0]), torch.ones(1, 1))
    assert big.item() == pytest.approx(3.0) and lower.item() == 1.0


def test_low_var_kl():
    logp, ref = torch.tensor([0.0, -1.0]), torch.tensor([0.0, -0.5])
    k = kl_penalty(logp, ref, "low_var_kl")
    assert k[0].item() == 0.0
    assert k[1].item() == pytest.approx(math.exp(0.5) - 0.5 - 1)
