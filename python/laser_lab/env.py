"""`python -m laser_lab.env`: reports the interpreter, the ML packages it has and its CUDA GPUs, as one result event."""

import importlib.metadata
import importlib.util
import platform
import sys
from typing import Dict, List, Optional

from . import __version__, events

PACKAGES = ("torch", "transformers", "vllm", "verl", "math-verify", "onnx", "onnxruntime")


def package_versions() -> Dict[str, Optional[str]]:
    versions: Dict[str, Optional[str]] = {}
    for name in PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def cuda_devices() -> List[dict]:
    if importlib.util.find_spec("torch") is None:
        return []
    import torch

    if not torch.cuda.is_available():
        return []
    devices = []
    for index in range(torch.cuda.device_count()):
        props = torch.cuda.get_device_properties(index)
        devices.append({"index": index, "name": props.name, "memoryGiB": round(props.total_memory / 2**30, 1)})
    return devices


def report() -> dict:
    devices = cuda_devices()
    return {
        "python": platform.python_version(),
        "executable": sys.executable,
        "laser_lab": __version__,
        "packages": package_versions(),
        "cuda": {"available": bool(devices), "devices": devices},
    }


def main() -> int:
    try:
        events.result(**report())
    except Exception as exc:  # a broken torch install must still give the user a readable answer
        events.error(f"laser_lab.env failed: {type(exc).__name__}: {exc}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
