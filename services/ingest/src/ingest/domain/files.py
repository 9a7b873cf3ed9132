"""What an incoming file is: its kind sniffed from the bytes (never the name), and a safe file name."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from ingest.domain.errors import EmptyFile, TooLarge, UnsupportedType

MAX_NAME = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


class Kind(StrEnum):
    """The kinds of file ingest accepts (ING-1, ING-2)."""

    PDF = "pdf"
    JPEG = "jpeg"
    PNG = "png"
    HEIC = "heic"
    XML = "xml"
    ZIP = "zip"

    @property
    def is_photo(self) -> bool:
        return self in (Kind.JPEG, Kind.PNG, Kind.HEIC)


CONTENT_TYPES = {
    Kind.PDF: "application/pdf", Kind.JPEG: "image/jpeg", Kind.PNG: "image/png", Kind.HEIC: "image/heic",
    Kind.XML: "application/xml", Kind.ZIP: "application/zip",
}
EXTENSIONS = {Kind.PDF: ".pdf", Kind.JPEG: ".jpg", Kind.PNG: ".png", Kind.HEIC: ".heic", Kind.XML: ".xml"}
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim", b"heis"}


@dataclass(frozen=True)
class IncomingFile:
    """A file as handed in: its (already cleaned) name and bytes."""

    filename: str
    data: bytes


def sniff(data: bytes) -> Kind | None:
    """The kind of a file from its first bytes; None when it is none of the accepted kinds."""
    head = data[:1024]
    if b"%PDF-" in head:
        return Kind.PDF
    if head.startswith(b"\xff\xd8\xff"):
        return Kind.JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Kind.PNG
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return Kind.HEIC
    if head.startswith(b"PK\x03\x04"):
        return Kind.ZIP
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<?xml") or text.startswith(b"<"):
        return Kind.XML
    return None


def classify(name: str, data: bytes, max_bytes: int) -> Kind:
    """The kind of an incoming file, or the error that refuses it (empty, too large, unsupported)."""
    if not data:
        raise EmptyFile(f"{name}: the file is empty", filename=name)
    if len(data) > max_bytes:
        raise TooLarge(f"{name}: {len(data)} bytes is over the limit of {max_bytes} bytes per file", filename=name)
    kind = sniff(data)
    if kind is None:
        raise UnsupportedType(f"{name}: not a PDF, JPEG, PNG, HEIC photo, UBL/CII XML or ZIP of those",
                              filename=name)
    return kind


def safe_filename(raw: str | None, kind: Kind | None = None) -> str:
    """A file name safe to show and store: no folders, no control characters, NFC, at most 200 characters."""
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[/\\]", name)[-1]
    name = _CONTROL.sub("", name).strip().strip(".").strip()
    if len(name) > MAX_NAME:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: MAX_NAME - len(ext) - 1] + "." + ext) if dot and len(ext) <= 10 else name[:MAX_NAME]
    if not name:
        name = "document" + (EXTENSIONS.get(kind, "") if kind else "")
    return name


def with_extension(name: str, kind: Kind) -> str:
    """The name with the extension of the kind it now is (a photo turned PDF becomes name.pdf)."""
    ext = EXTENSIONS.get(kind, "")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return name if name.lower().endswith(ext) else f"{stem}{ext}"
