"""Supervised warm start of a fresh model on the task's reference responses, stopped once sampled accuracy reaches a
target, so that RL starts from a policy that is neither always right nor always wrong."""

from typing import Callable, Dict, List, Optional, Sequence

from .forward import token_logprobs
from .rollout import generate_hf, pack
from .tasks import Task


def sampled_accuracy(model, task: Task, tok, prompts: Sequence[Sequence[int]], problems, eos_ids, pad_id, max_len: int,
                     temperature: float, device) -> float:
    responses, _ = generate_hf(model, prompts, 1, max_len, eos_ids, pad_id, temperature=temperature, device=device)
    hits = [task.verify(p, tok.decode(r, skip_special_tokens=True))[1] for p, r in zip(problems, responses)]
    return sum(hits) / len(hits)


def supervised_warm_start(model, task: Task, tok, encode: Callable[[str], List[int]], eos_id: int, eos_ids: Sequence[int],
                          pad_id: int, max_steps: int, target_accuracy: float, lr: float, batch_size: int,
                          eval_every: int, max_len: int, temperature: float, device,
                          log: Callable[[str], None], mix_task: Optional[Task] = None, mix_steps: int = 0) -> Dict[str, float]:
    """Trains on `task` until sampled accuracy reaches target_accuracy (or max_steps), then `mix_steps` more steps on
    `mix_task` (the full task, so that answers to problems the first phase left out at least have the right form)."""
    import torch

    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.0)
    probe = task.train_batch(-1, 64)
    probe_prompts = [encode(task.prompt_text(p)) for p in probe]
    acc = sampled_accuracy(model, task, tok, probe_prompts, probe, eos_ids, pad_id, max_len, temperature, device)
    model.train()

    def sft_step(source: Task, index: int) -> float:
        problems = source.train_batch(-(index + 1), batch_size)
        prompts = [encode(source.prompt_text(p)) for p in problems]
        targets = [tok(source.reference_response(p), add_special_tokens=False).input_ids + [eos_id] for p in problems]
        packed = pack(prompts, targets, [False] * len(targets), pad_id, pad_id, device)
        logp, _ = token_logprobs(model, packed)
        loss = -(logp * packed.response_mask).sum() / packed.response_mask.sum()
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return float(loss.detach())

    step, loss_val = 0, float("nan")
    while acc < target_accuracy and step < max_steps:
        step += 1
        loss_val = sft_step(task, step)
        if step % eval_every == 0 or step == max_steps:
            acc = sampled_accuracy(model, task, tok, probe_prompts, probe, eos_ids, pad_id, max_len, temperature, device)
            log(f"[warm-start] step {step} loss {loss_val:.4f} sampled accuracy {acc:.3f}")
    result = {"steps": step, "loss": loss_val, "probe_accuracy": acc}
    if mix_task is not None and mix_steps > 0:
        for k in range(mix_steps):
            loss_val = sft_step(mix_task, max_steps + 1 + k)
        mix_probe = mix_task.train_batch(-1, 64)
        mix_prompts = [encode(mix_task.prompt_text(p)) for p in mix_probe]
        mix_acc = sampled_accuracy(model, mix_task, tok, mix_prompts, mix_probe, eos_ids, pad_id, max_len, temperature, device)
        log(f"[warm-start] {mix_steps} steps on the full task: loss {loss_val:.4f} sampled accuracy {mix_acc:.3f}")
        result.update(mix_steps=mix_steps, mix_loss=loss_val, mix_probe_accuracy=mix_acc)
    return result
