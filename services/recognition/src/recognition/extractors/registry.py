"""The registry of extractors: every format's reader, the one scoring highest on the content reads the file."""
from __future__ import annotations

from decimal import Decimal

from recognition.domain.dossier import settle_dossier
from recognition.domain.errors import RecognitionError, UnreadableDocument
from recognition.domain.model import Invoice, Outcome, status_of
from recognition.extractors.base import Context, Extractor
from recognition.extractors.cii import CiiExtractor
from recognition.extractors.ocr import OcrExtractor
from recognition.extractors.pdf_text import PdfTextExtractor
from recognition.extractors.probe import Probe
from recognition.extractors.ubl import UblExtractor

EXTRACTORS: tuple[Extractor, ...] = (UblExtractor(), CiiExtractor(), PdfTextExtractor(), OcrExtractor())
"""In order of preference when two score the same: structured data first, OCR last."""


def choose(probe: Probe) -> Extractor:
    """The extractor that scores highest on this content; UnreadableDocument when none wants it."""
    scored = [(extractor.score(probe), -i, extractor) for i, extractor in enumerate(EXTRACTORS)]
    best, _, extractor = max(scored, key=lambda s: (s[0], s[1]))
    if best <= 0:
        raise UnreadableDocument(f"not a PDF, image or e-invoice XML (content starts with {probe.data[:8]!r})")
    return extractor


def recognise(data: bytes, ctx: Context) -> Outcome:
    """Read one file: choose by content, extract, and turn every known failure into technical_error."""
    if len(data) > ctx.limits.max_bytes:
        return Outcome("technical_error", error=f"file of {len(data)} bytes exceeds the limit of {ctx.limits.max_bytes}",
                       error_code="limit_exceeded")
    if not data:
        return Outcome("technical_error", error="empty file", error_code="empty_file")
    try:
        probe = Probe(data, max_pages=ctx.limits.max_pages)
        extraction = choose(probe).extract(probe, ctx)
    except RecognitionError as exc:
        return Outcome("technical_error", error=str(exc), error_code=exc.code)
    except MemoryError:
        return Outcome("technical_error", error="memory limit exceeded while reading the document",
                       error_code="memory_limit")
    invoice = extraction.invoice
    if invoice.source in ("ubl", "cii"):
        _check_structured_totals(invoice)
    settle_dossier(invoice, ctx.own_vat, ctx.mailbox)
    return Outcome(status_of(invoice), invoice=invoice, searchable_pdf=extraction.searchable_pdf,
                   words=extraction.words)


def _check_structured_totals(invoice: Invoice) -> None:
    """Whether net + VAT = total on a UBL/CII invoice."""
    net, vat, total = invoice.total_excl_vat, invoice.total_vat, invoice.total_incl_vat
    if net and vat and total:
        invoice.totals_consistent = abs(net.value + vat.value - total.value) <= Decimal("0.01")
