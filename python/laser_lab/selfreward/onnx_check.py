"""Runs an exported model.onnx with onnxruntime next to the torch model: the largest absolute difference of the
last-position log-probs on a left-padded batch (what `export_onnx --verify` reports and the tests assert)."""

from pathlib import Path
from typing import List, Sequence, Tuple


def left_pad(rows: Sequence[Sequence[int]], pad_id: int) -> Tuple["object", "object"]:
    import numpy as np

    width = max(len(r) for r in rows)
    ids = np.full((len(rows), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    for i, r in enumerate(rows):
        ids[i, width - len(r):] = r
        mask[i, width - len(r):] = 1
    return ids, mask


def onnx_last_logprobs(onnx_file: Path, rows: Sequence[Sequence[int]], pad_id: int, threads: int = 1):
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    session = ort.InferenceSession(str(onnx_file), opts, providers=["CPUExecutionProvider"])
    ids, mask = left_pad(rows, pad_id)
    return session.run(["last_logprobs"], {"input_ids": ids, "attention_mask": mask})[0]


def torch_last_logprobs(model, rows: Sequence[Sequence[int]]):
    """Each row alone, unpadded, through the full model: the reference the exported graph must match."""
    import torch

    out: List["object"] = []
    with torch.no_grad():
        for r in rows:
            logits = model(input_ids=torch.tensor([list(r)], dtype=torch.long), use_cache=False).logits[0, -1].float()
            out.append(torch.log_softmax(logits, dim=-1).numpy())
    import numpy as np

    return np.stack(out)


def max_abs_difference(onnx_file: Path, model, rows: Sequence[Sequence[int]], pad_id: int) -> float:
    import numpy as np

    return float(np.abs(onnx_last_logprobs(onnx_file, rows, pad_id) - torch_last_logprobs(model, rows)).max())
