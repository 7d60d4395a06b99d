"""`python -m laser_lab.export_onnx <checkpoint-dir> <out-dir> [--token-id N] [--beta B] [--c-ref C] [--opset K]`

Writes the folder the in-process (ONNX) scorer loads, from any Hugging Face Qwen2-architecture folder:
- model.onnx: inputs input_ids, attention_mask (int64 [batch, seq], LEFT-padded, mask 0 on pads); one output
  last_logprobs (float32 [batch, vocab]) = log_softmax of the final position's logits. Position ids come from the mask
  inside the graph (cumsum − 1, clamped at 0), so padding does not change the result. No KV cache.
- config.json: the model's config plus a "laser_lab" block (z_c id, β_v, c_ref, eos/pad ids, prompt template, ...).
- tokenizer.json, tokenizer_config.json (chat_template, eos_token, pad_token as strings), special_tokens_map.json.
"""

import argparse
import json
import shutil
import sys
import warnings
from pathlib import Path
from typing import Any, Dict, List, Optional

from . import events
from .selfreward.model_folder import ModelFolderError, check_model_folder, load_tokenizer, read_json, write_tokenizer_files
from .selfreward.settings import native_token_id, resolve_settings

ONNX_FILE = "model.onnx"
EXTERNAL_DATA = "model.onnx.data"
DEFAULT_OPSET = 17
SINGLE_FILE_LIMIT = 2_000_000_000  # protobuf's 2 GB cap: larger graphs keep their weights in EXTERNAL_DATA


def last_logprobs_module(model):
    """Wraps a causal LM: (input_ids, attention_mask) left-padded → log_softmax of the last position's logits, float32."""
    import torch

    class LastLogprobs(torch.nn.Module):
        def __init__(self, lm):
            super().__init__()
            self.body = lm.get_decoder() if hasattr(lm, "get_decoder") else lm.model
            self.head = lm.get_output_embeddings()

        def forward(self, input_ids, attention_mask):
            seq = input_ids.shape[1]
            positions = torch.clamp(torch.cumsum(attention_mask, dim=-1) - 1, min=0)
            # an explicit additive [B, 1, T, T] mask (causal and key-not-pad): transformers uses a 4D mask as given,
            # and a pad query row stays finite (all keys at the same minimum → uniform), so no NaN reaches real rows
            idx = torch.arange(seq, device=input_ids.device)
            causal = idx.unsqueeze(0) <= idx.unsqueeze(1)  # [T(query), T(key)]
            allowed = causal.unsqueeze(0) & (attention_mask.unsqueeze(1) > 0)  # [B, T, T]
            dtype = self.head.weight.dtype
            mask = torch.where(allowed, torch.zeros((), dtype=dtype), torch.full((), torch.finfo(dtype).min, dtype=dtype))
            hidden = self.body(input_ids=input_ids, attention_mask=mask.unsqueeze(1), position_ids=positions,
                               use_cache=False).last_hidden_state
            logits = self.head(hidden[:, -1, :]).float()
            return torch.log_softmax(logits, dim=-1)

    return LastLogprobs(model).eval()


def _load_for_export(folder: Path):
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    config = AutoConfig.from_pretrained(str(folder))
    arch = getattr(config, "model_type", None)
    if arch not in ("qwen2", "qwen3", "llama", "mistral"):
        raise ModelFolderError(f"{folder / 'config.json'}: model_type {arch!r} is not a Qwen2-architecture model")
    try:
        model = AutoModelForCausalLM.from_pretrained(str(folder), dtype=torch.float32, attn_implementation="eager")
    except Exception as exc:
        raise ModelFolderError(f"{folder}: cannot load the model ({type(exc).__name__}: {exc})") from None
    return model.eval()


def share_tied_head(graph) -> bool:
    """With tied embeddings the TorchScript exporter stores the LM head as a second, transposed copy of the embedding
    (MatMul by a [hidden, vocab] constant); use Gemm(transB=1) on the embedding itself so the weights are stored once."""
    from onnx import helper, numpy_helper

    inits = {i.name: i for i in graph.graph.initializer}
    embed = next((n.input[0] for n in graph.graph.node if n.op_type == "Gather" and n.input[1] == "input_ids"
                  and n.input[0] in inits), None)
    if embed is None:
        return False
    table = numpy_helper.to_array(inits[embed])
    for index, node in enumerate(graph.graph.node):
        if node.op_type != "MatMul" or node.input[1] not in inits:
            continue
        head = inits[node.input[1]]
        if list(head.dims) != [table.shape[1], table.shape[0]] or not (numpy_helper.to_array(head) == table.T).all():
            continue
        gemm = helper.make_node("Gemm", [node.input[0], embed], list(node.output), name=node.name or "lm_head", transB=1)
        graph.graph.node.remove(node)
        graph.graph.node.insert(index, gemm)
        if not any(head.name in n.input for n in graph.graph.node):
            graph.graph.initializer.remove(head)
        return True
    return False


def export_graph(model, out: Path, opset: int = DEFAULT_OPSET) -> Path:
    """TorchScript exporter: it traces the eager model with dynamic batch/seq axes in one pass; see README for why."""
    import torch

    wrapper = last_logprobs_module(model)
    example_ids = torch.tensor([[0, 0, 5, 6, 7], [1, 2, 3, 4, 5]], dtype=torch.long) % model.config.vocab_size
    example_mask = torch.tensor([[0, 0, 1, 1, 1], [1, 1, 1, 1, 1]], dtype=torch.long)
    target = out / ONNX_FILE
    big = sum(p.numel() * p.element_size() for p in model.parameters()) > SINGLE_FILE_LIMIT
    tmp_dir = out / ".export.tmp"
    if tmp_dir.exists():
        shutil.rmtree(tmp_dir)
    tmp_dir.mkdir(parents=True)
    tmp = tmp_dir / ONNX_FILE
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the TorchScript exporter is deprecated but works here
        warnings.simplefilter("ignore", torch.jit.TracerWarning)  # constant asserts inside nn.Embedding
        torch.onnx.export(
            wrapper, (example_ids, example_mask), str(tmp), dynamo=False, opset_version=opset,
            input_names=["input_ids", "attention_mask"], output_names=["last_logprobs"],
            dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                          "last_logprobs": {0: "batch"}},
            do_constant_folding=True,
        )
    import onnx

    graph = onnx.load(str(tmp), load_external_data=True)
    share_tied_head(graph)
    for stale in (target, out / EXTERNAL_DATA):
        if stale.exists():
            stale.unlink()
    if big:
        onnx.save_model(graph, str(target), save_as_external_data=True, all_tensors_to_one_file=True, location=EXTERNAL_DATA)
    else:
        onnx.save_model(graph, str(target))
    shutil.rmtree(tmp_dir)
    return target


def laser_block(folder: Path, tokenizer, model_config: Dict[str, Any], token_id: Optional[int], beta: Optional[float],
                c_ref: Optional[float], prompt_template: Optional[str]) -> Dict[str, Any]:
    settings = resolve_settings(str(folder), token_id, beta, c_ref, prompt_template)
    eos = tokenizer.eos_token_id
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else eos
    return {
        "self_reward_token_id": native_token_id(tokenizer, settings.token_id, str(folder)),
        "beta": settings.beta,
        "c_ref": settings.c_ref,
        "eos_token_id": eos,
        "pad_token_id": pad,
        "prompt_template": settings.prompt_template,
        "use_chat_template": settings.use_chat_template,
        "onnx_file": ONNX_FILE,
        "max_context": int(model_config.get("max_position_embeddings") or 0) or None,
        "source": str(folder.resolve()),
        "settings_from": settings.sources,
    }


def export(checkpoint: str, out_dir: str, token_id: Optional[int] = None, beta: Optional[float] = None,
           c_ref: Optional[float] = None, prompt_template: Optional[str] = None, opset: int = DEFAULT_OPSET,
           verify: bool = False) -> Dict[str, Any]:
    folder = check_model_folder(checkpoint)
    out = Path(out_dir)
    if out.resolve() == folder.resolve():
        raise ValueError(f"{out}: the output folder must differ from the checkpoint folder")
    out.mkdir(parents=True, exist_ok=True)
    tokenizer = load_tokenizer(str(folder))
    if not getattr(tokenizer, "chat_template", None):
        raise ModelFolderError(f"{folder}: the tokenizer has no chat template (tokenizer_config.json chat_template)")
    model_config = read_json(folder / "config.json") or {}
    block = laser_block(folder, tokenizer, model_config, token_id, beta, c_ref, prompt_template)
    model = _load_for_export(folder)
    events.progress(0, 2)
    onnx_path = export_graph(model, out, opset)
    events.progress(1, 2)
    write_tokenizer_files(tokenizer, out)
    stale_jinja = out / "chat_template.jinja"
    if stale_jinja.exists():
        stale_jinja.unlink()
    (out / "config.json").write_text(json.dumps({**model_config, "laser_lab": block}, indent=2, ensure_ascii=False),
                                     encoding="utf-8")
    events.progress(2, 2)
    res: Dict[str, Any] = {"folder": str(out), "onnx": str(onnx_path), "laser_lab": block}
    if verify:
        res["verify_max_abs_diff"] = verify_export(model, tokenizer, onnx_path, block)
    return res


def verify_export(model, tokenizer, onnx_path: Path, block: Dict[str, Any]) -> float:
    """onnxruntime vs torch on a left-padded batch of chat-templated sequences of different lengths."""
    from .selfreward.onnx_check import max_abs_difference
    from .selfreward.settings import prompt_text
    from .train.tokenization import encode_prompt

    rows = []
    for problem, response in (("What is 2+3?", "\\boxed{5}"), ("Compute 12*34.", "12*34 = 408, so \\boxed{408}"), ("1", "")):
        ids = encode_prompt(tokenizer, prompt_text(block["prompt_template"], problem), block["use_chat_template"])
        rows.append(ids + tokenizer(response, add_special_tokens=False).input_ids + [block["eos_token_id"]])
    return max_abs_difference(onnx_path, model, rows, block["pad_token_id"])


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m laser_lab.export_onnx", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("checkpoint", help="Hugging Face model folder (config.json, safetensors, tokenizer files)")
    ap.add_argument("out", help="output folder")
    ap.add_argument("--token-id", type=int, help="z_c (default: laser_config.json, else 151652)")
    ap.add_argument("--beta", type=float, help="β_v (default: laser_config.json, else 0.1)")
    ap.add_argument("--c-ref", type=float, help="c_ref (default: laser_config.json / calibrated, else -23.0)")
    ap.add_argument("--prompt-template", help="user message with {problem} (default: from the training task)")
    ap.add_argument("--opset", type=int, default=DEFAULT_OPSET)
    ap.add_argument("--verify", action="store_true", help="compare onnxruntime with torch on a padded batch afterwards")
    args = ap.parse_args(argv)
    return events.run_worker("laser_lab.export_onnx", lambda: export(args.checkpoint, args.out, args.token_id, args.beta, args.c_ref,
                                                                     args.prompt_template, args.opset, args.verify), (ValueError, OSError))


if __name__ == "__main__":
    sys.exit(main())
