"""Born-digital PDFs: words with their boxes from the text layer (pdfium, `text_layer`), then the field finders."""
from __future__ import annotations

from recognition.domain.errors import UnreadableDocument
from recognition.domain.layout import TextDocument, Word, group_lines, words_json
from recognition.domain.reader import read_invoice
from recognition.extractors.base import Context, Extraction
from recognition.extractors.probe import Probe
from recognition.extractors.text_layer import page_words

MIN_CHARS = 40  # fewer characters than this on the first pages: treat the PDF as a scan


def words_of_pdf(probe: Probe, max_pages: int) -> TextDocument:
    """Every page's words, in page fractions, grouped into lines (the pages the probe loaded are read again)."""
    lines = []
    try:
        count = len(probe.pdfium)
        for number in range(1, min(count, max_pages) + 1):
            page, textpage = probe.text_page(number - 1)
            words = [Word(*box) for box in page_words(page, textpage)]
            lines.extend(group_lines(number, [_clip(w) for w in words]))
            probe.drop_page(number - 1)
    except MemoryError:
        raise
    except Exception as exc:  # pdfium's errors, and a page without size
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
        doc = words_of_pdf(probe, ctx.limits.max_pages)
        return Extraction(read_invoice(doc), words=words_json(doc))
