"""What an incoming file is: its kind sniffed from the bytes (never the name), and a safe file name."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from runtime.xmlsafe import looks_like_xml

from ingest.domain.errors import EmptyFile, TooLarge, TooManyPixels, UnsupportedType

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
_LEADING = ((b"%PDF-", Kind.PDF), (b"\xff\xd8\xff", Kind.JPEG), (b"\x89PNG\r\n\x1a\n", Kind.PNG),
            (b"PK\x03\x04", Kind.ZIP))
PDF_HEADER_WINDOW = 1024  # PDF readers look for the header this far (ISO 32000 implementation note)
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim", b"heis"}


@dataclass(frozen=True)
class IncomingFile:
    """A file as handed in: its (already cleaned) name and bytes."""

    filename: str
    data: bytes


@dataclass
class PixelBudget:
    """The pixels the photos of one request may decode together (issue 13 item 3), charged from their headers
    before any of them is decoded."""

    limit: int
    used: int = field(default=0)

    def charge(self, name: str, pixels: int) -> None:
        """Count one photo's pixels; TooManyPixels (nothing charged) when the request would go over the limit."""
        if self.used + pixels > self.limit:
            raise TooManyPixels(f"{name}: the photos of this request add up to {self.used + pixels} pixels, over "
                                f"the limit of {self.limit} pixels per request", filename=name)
        self.used += pixels


def sniff(data: bytes) -> Kind | None:
    """The kind of a file by its LEADING magic bytes; None when it is none of the accepted kinds.

    A ZIP, image or XML/HTML file is what its first bytes say, even with '%PDF-' further on (polyglots, issue 13
    item 10). Only a file that starts as none of them may carry the PDF header later in its first KB (readers
    allow leading junk); the handler then accepts it only if it opens as a PDF (see ``pdf_header_offset``)."""
    for magic, kind in _LEADING:
        if data.startswith(magic):
            return kind
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return Kind.HEIC
    if looks_like_xml(data):
        return Kind.XML
    return Kind.PDF if pdf_header_offset(data) is not None else None


def pdf_header_offset(data: bytes) -> int | None:
    """Where '%PDF-' starts within the first 1024 bytes (0 for a well-formed PDF), None when it is not there."""
    found = data[:PDF_HEADER_WINDOW].find(b"%PDF-")
    return None if found < 0 else found


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
