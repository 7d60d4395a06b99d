"""GRPO + LaSeR losses as pure tensor functions (the numbers the tests pin).

Shapes: B samples, R response columns. Rewards r are the verifier's {0,1}; `finished` marks responses that produced EOS
within the length budget (only those carry a self-reward loss and enter the counters).
"""

from typing import Dict, Optional, Sequence, Tuple

import torch


def grpo_advantages(scores: torch.Tensor, groups: Sequence[int], norm_by_std: bool = True, eps: float = 1e-6) -> torch.Tensor:
    """(score - group mean) / (group std + eps); std is the unbiased one; a group of one gets mean 0 and std 1."""
    adv = torch.zeros_like(scores, dtype=torch.float32)
    for g in sorted(set(groups)):
        idx = torch.tensor([i for i, x in enumerate(groups) if x == g])
        vals = scores[idx].float()
        mean, std = (torch.tensor(0.0), torch.tensor(1.0)) if len(idx) == 1 else (vals.mean(), vals.std())
        adv[idx] = (vals - mean) / (std + eps) if norm_by_std else vals - mean
    return adv


def balanced_weights(rewards: torch.Tensor, finished: torch.Tensor) -> torch.Tensor:
    """Class-balancing weights over the finished responses: total/(2·#correct) for correct, total/(2·#incorrect) otherwise."""
    valid = finished.bool()
    n_pos = int(((rewards == 1) & valid).sum())
    n_neg = int(((rewards == 0) & valid).sum())
    total = n_pos + n_neg
    if total == 0:
        return torch.zeros_like(rewards, dtype=torch.float32)
    w_pos = total / (2 * n_pos) if n_pos > 0 else 0.0
    w_neg = total / (2 * n_neg) if n_neg > 0 else 0.0
    return torch.where(rewards == 1, torch.full_like(rewards, w_pos, dtype=torch.float32), torch.full_like(rewards, w_neg, dtype=torch.float32))


def self_reward_scores(zc_logp: torch.Tensor, ref: "torch.Tensor | float", beta_v: float) -> torch.Tensor:
    """s = β_v · (log π(z_c | x, y, eos) − c_ref); c_ref is a constant or the reference model's log-prob at the same place."""
    return beta_v * (zc_logp - ref)


def self_reward_loss(scores: torch.Tensor, rewards: torch.Tensor, finished: torch.Tensor,
                     weights: Optional[torch.Tensor] = None) -> torch.Tensor:
    """mean over the batch of w · (s − r)² · finished; truncated responses count in the denominator but add nothing."""
    sq = (scores - rewards.float()) ** 2 * finished.float()
    if weights is not None:
        sq = sq * weights
    return sq.mean()


COUNTER_KEYS = (
    "actor/internal_reward_total_valid_solutions",  # N: finished responses
    "actor/internal_reward_valid_solutions_total_correct",  # C: finished responses whose prediction (s > 0.5) matches r
    "actor/internal_reward_total_valid_correct_solutions",  # P: finished, r = 1
    "actor/internal_reward_total_valid_incorrect_solutions",  # Nn: finished, r = 0
    "actor/internal_reward_valid_correct_solutions_total_correct",  # TP: finished, r = 1, s > 0.5
    "actor/internal_reward_valid_incorrect_solutions_total_correct",  # TN: finished, r = 0, s <= 0.5
)


def self_verification_counts(scores: torch.Tensor, rewards: torch.Tensor, finished: torch.Tensor) -> Dict[str, int]:
    pred = scores.detach() > 0.5
    truth = rewards.long() == 1
    valid = finished.bool()
    values = (
        int(valid.sum()),
        int(((pred == truth) & valid).sum()),
        int((truth & valid).sum()),
        int((~truth & valid).sum()),
        int((pred & truth & valid).sum()),
        int((~pred & ~truth & valid).sum()),
    )
    return dict(zip(COUNTER_KEYS, values))


def laser_f1(tp: float, p: float, tn: float, nn: float) -> float:
    """Harmonic mean of accuracy on correct (TP/P) and accuracy on incorrect (TN/Nn) solutions; 0 when either is 0."""
    acc_pos = tp / p if p > 0 else 0.0
    acc_neg = tn / nn if nn > 0 else 0.0
    return 2 * acc_pos * acc_neg / (acc_pos + acc_neg) if acc_pos + acc_neg > 0 else 0.0


def self_rewarding_advantages(scores: torch.Tensor, finished: torch.Tensor, groups: Sequence[int],
                              advantages: torch.Tensor, threshold: float) -> torch.Tensor:
    """Group-normalised clip(s, 0, 1) (0 for truncated responses); a group whose score std is <= threshold keeps the
    verifier advantage instead, so integration leaves it unchanged."""
    clipped = torch.where(finished.bool(), scores.detach().float().clamp(0.0, 1.0), torch.zeros_like(scores, dtype=torch.float32))
    out = torch.zeros_like(clipped)
    for g in sorted(set(groups)):
        idx = torch.tensor([i for i, x in enumerate(groups) if x == g])
        vals = clipped[idx]
        mean, std = (torch.tensor(0.0), torch.tensor(1.0)) if len(idx) == 1 else (vals.mean(), vals.std())
        out[idx] = (vals - mean) / std if std > threshold else advantages[idx].float()
    return out


def integrate_advantages(advantages: torch.Tensor, self_adv: torch.Tensor, coef: float) -> torch.Tensor:
    return (1.0 - coef) * advantages + coef * self_adv


def masked_mean(x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    return (x * mask).sum() / mask.sum().clamp(min=1.0)


def agg_loss(loss_mat: torch.Tensor, mask: torch.Tensor, mode: str = "token-mean") -> torch.Tensor:
    if mode == "token-mean":
        return masked_mean(loss_mat, mask)
    seq_len = mask.sum(-1).clamp(min=1.0)
    if mode == "seq-mean-token-sum":
        return (loss_mat * mask).sum(-1).mean()
    if mode == "seq-mean-token-mean":
        return ((loss_mat * mask).sum(-1) / seq_len).mean()
    raise ValueError(f"unknown loss_agg_mode {mode!r}")


def policy_loss(old_logp: torch.Tensor, logp: torch.Tensor, advantages: torch.Tensor, mask: torch.Tensor,
                clip_low: float = 0.2, clip_high: float = 0.2, clip_c: float = 3.0, agg: str = "token-mean"
                ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """PPO clipped surrogate with dual clip for negative advantages; returns (loss, clipfrac, approx kl, lower clipfrac)."""
    adv = advantages.unsqueeze(-1).expand_as(logp) if advantages.dim() == 1 else advantages
    log_ratio = (logp - old_logp).clamp(-20.0, 20.0)
    ratio = log_ratio.exp()
    ppo_kl = masked_mean(-log_ratio, mask)
    loss1 = -adv * ratio
    loss2 = -adv * ratio.clamp(1.0 - clip_low, 1.0 + clip_high)
    clipped = torch.maximum(loss1, loss2)
    clipfrac = masked_mean((loss2 > loss1).float(), mask)
    loss3 = -adv * clip_c
    dual = torch.minimum(loss3, clipped)
    clipfrac_lower = masked_mean(((clipped > loss3) & (adv < 0)).float(), mask)
    per_token = torch.where(adv < 0, dual, clipped)
    return agg_loss(per_token, mask, agg), clipfrac, ppo_kl, clipfrac_lower


def kl_penalty(logp: torch.Tensor, ref_logp: torch.Tensor, kind: str = "low_var_kl") -> torch.Tensor:
    if kind in ("kl", "k1"):
        return logp - ref_logp
    if kind == "abs":
        return (logp - ref_logp).abs()
    if kind in ("mse", "k2"):
        return 0.5 * (logp - ref_logp) ** 2
    if kind in ("low_var_kl", "k3"):
        kl = (ref_logp - logp).clamp(-20.0, 20.0)
        return (kl.exp() - kl - 1.0).clamp(-10.0, 10.0)
    raise ValueError(f"unknown kl_loss_type {kind!r}")
