"""Born-digital PDFs: words with their boxes from the text layer (pdfplumber), then the field finders."""
from __future__ import annotations

import io

from recognition.domain.errors import UnreadableDocument
from recognition.domain.layout import TextDocument, Word, group_lines, words_json
from recognition.domain.reader import read_invoice
from recognition.extractors.base import Context, Extraction
from recognition.extractors.probe import Probe

MIN_CHARS = 40  # fewer characters than this on the first pages: treat the PDF as a scan


def words_of_pdf(data: bytes, max_pages: int) -> TextDocument:
    """Every page's words, in page fractions, grouped into lines."""
    import pdfplumber
    lines = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = pdf.pages[:max_pages]
            for number, page in enumerate(pages, start=1):
                width, height = float(page.width), float(page.height)
                words = [Word(w["text"], w["x0"] / width, w["top"] / height, w["x1"] / width, w["bottom"] / height)
                         for w in page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5)]
                lines.extend(group_lines(number, [_clip(w) for w in words]))
                page.flush_cache()
            count = len(pdf.pages)
    except MemoryError:
        raise
    except Exception as exc:  # pdfminer raises many types on damaged files
        raise UnreadableDocument(f"cannot read the PDF text layer: {exc}") from exc
    return TextDocument("pdf_text", lines, count)


def _clip(word: Word) -> Word:
    c = lambda v: max(0.0, min(1.0, v))  # noqa: E731
    return Word(word.text, c(word.x0), c(word.y0), c(word.x1), c(word.y1), word.conf)


class PdfTextExtractor:
    """A PDF with a text layer and no embedded e-invoice."""

    name = "pdf_text"

    def score(self, probe: Probe) -> float:
        if probe.kind != "pdf" or probe.xml_flavour:
            return 0.0
        return 0.8 if probe.text_chars >= MIN_CHARS else 0.0

    def extract(self, probe: Probe, ctx: Context) -> Extraction:
        doc = words_of_pdf(probe.data, ctx.limits.max_pages)
        return Extraction(read_invoice(doc), words=words_json(doc))
