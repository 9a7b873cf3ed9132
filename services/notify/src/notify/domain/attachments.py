"""Files attached to a conversation's message (COM-1): PDFs and images only, judged by their bytes, not by the name
or the type the browser claims; at most 10 MB each and 5 per message."""
from __future__ import annotations

import re
from dataclasses import dataclass

from notify.domain.errors import AttachmentRefused, AttachmentTooLarge

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
_SIGNATURES = ((b"%PDF-", "application/pdf"), (b"\xff\xd8\xff", "image/jpeg"),
               (b"\x89PNG\r\n\x1a\n", "image/png"))
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]+")


@dataclass(frozen=True)
class Attachment:
    """A checked file: a safe name, its type as its bytes say, the bytes."""

    filename: str
    content_type: str
    data: bytes


def kind_of(data: bytes) -> str | None:
    """application/pdf, image/jpeg or image/png from the file's first bytes; None for anything else."""
    return next((kind for magic, kind in _SIGNATURES if data.startswith(magic)), None)


def safe_name(name: str | None, content_type: str) -> str:
    """The file's own name without a path or control characters, at most 150 characters; a default when empty."""
    cleaned = _UNSAFE.sub("_", (name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]).strip(" ._")[:150]
    return cleaned or ("attachment.pdf" if content_type == "application/pdf" else "image." + content_type[6:])


def check(files: list[tuple[str | None, bytes]]) -> list[Attachment]:
    """The files as attachments, or the first refusal naming the file (type, emptiness, size, count)."""
    if len(files) > MAX_FILES:
        raise AttachmentRefused(f"at most {MAX_FILES} files per message", params={"max": MAX_FILES})
    checked = []
    for name, data in files:
        if len(data) > MAX_BYTES:
            raise AttachmentTooLarge(f"{name}: more than {MAX_BYTES // (1024 * 1024)} MB",
                                     params={"filename": name, "max_mb": MAX_BYTES // (1024 * 1024)})
        kind = kind_of(data)
        if kind is None:
            raise AttachmentRefused(f"{name}: not a PDF, JPEG or PNG file", params={"filename": name})
        checked.append(Attachment(safe_name(name, kind), kind, data))
    return checked
