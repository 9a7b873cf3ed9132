"""An optional on-disk cache of tesseract's outputs, keyed by the page image and the exact command.

Only for evaluation runs (`make eval` sets BF_OCR_CACHE_DIR): iterating on the field finders then does not
re-OCR the corpus. The worker never sets it, so production always runs tesseract.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

ENV = "BF_OCR_CACHE_DIR"


def key(image_bytes: bytes, cmd: list[str], outputs: tuple[str, ...]) -> str:
    """A hash of the page's pixels, the tesseract options and the outputs asked for."""
    digest = hashlib.sha256(image_bytes)
    digest.update(json.dumps([cmd, list(outputs)]).encode())
    return digest.hexdigest()


def _folder() -> Path | None:
    folder = os.environ.get(ENV)
    return Path(folder) if folder else None


def load(cache_key: str, outputs: tuple[str, ...]) -> dict[str, bytes] | None:
    """The cached outputs, or None when caching is off or any output is missing."""
    folder = _folder()
    if folder is None:
        return None
    paths = {ext: folder / f"{cache_key}.{ext}" for ext in outputs}
    if not all(p.exists() for p in paths.values()):
        return None
    return {ext: p.read_bytes() for ext, p in paths.items()}


def store(cache_key: str, result: dict[str, bytes]) -> None:
    """Keep the outputs when caching is on (written to a temporary name first, so a reader never sees half)."""
    folder = _folder()
    if folder is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    for ext, data in result.items():
        tmp = folder / f"{cache_key}.{ext}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        tmp.replace(folder / f"{cache_key}.{ext}")
