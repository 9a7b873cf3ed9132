"""What every extractor is, and the probe of a file they all look at to decide whether it is theirs."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from recognition.domain.model import Invoice


@dataclass(frozen=True)
class Limits:
    """Bounds on one document: bytes, pages, pixels of a page image, OCR resolution."""

    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 100
    max_ocr_pages: int = 20
    max_pixels: int = 60_000_000
    ocr_dpi: int = 300


@dataclass(frozen=True)
class Context:
    """What an extractor may know besides the bytes: the dossier's VAT number, mailbox, OCR languages, limits."""

    own_vat: str | None = None
    mailbox: str | None = None
    languages: str = "fra+nld+deu+eng"
    limits: Limits = field(default_factory=Limits)
    searchable_pdf: bool = True


@dataclass
class Extraction:
    """An extractor's result: the invoice and, for OCR, the PDF with a text layer."""

    invoice: Invoice
    searchable_pdf: bytes | None = None
    words: bytes | None = None


class Extractor(Protocol):
    """One format's reader.

    `score(probe)` says, from content only, how sure it is the file is its kind (0 = not mine,
    1 = certainly mine); the registry runs the highest scorer's `extract(probe, ctx)`, which
    returns an Extraction or raises a RecognitionError with the reason.
    """

    name: str

    def score(self, probe: "Probe") -> float: ...

    def extract(self, probe: "Probe", ctx: Context) -> Extraction: ...


from recognition.extractors.probe import Probe  # noqa: E402  (the Protocol names it)
