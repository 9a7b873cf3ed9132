"""Born-digital PDFs read through pdfium's text page give the readers the words pdfplumber gave them: the same
text, boxes within a point, the font size as the box's height, the same lines (REC-1, REC-3; issue 14 target
'born-digital >= 20 documents/s per worker')."""
import io
import random
from collections import Counter

import pdfplumber
import pikepdf
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from recognition.domain.layout import TextDocument, Word, group_lines
from recognition_bench.facts import invoice_facts
from recognition_bench.generate import SEED
from recognition_bench.layouts import render
from recognition.extractors.pdf_text import _clip, words_of_pdf
from recognition.extractors.probe import Probe

POINT = 1 / 842  # one point as a fraction of an A4 page's height


def _generated(ident: str, family: str, language: str) -> bytes:
    """The text PDF of one generated document (as the generated corpus makes it, without its scan and photo)."""
    facts = invoice_facts(random.Random(f"{SEED}:{ident}"), ident, family, language, many_lines=family == "D")
    return render(facts, random.Random(f"{SEED}:{ident}:render"))


def _plumber(data: bytes) -> TextDocument:
    """The words as pdfplumber read them before (the reference): extract_words(x_tolerance=1.5), page fractions
    clipped to the page."""
    lines = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            width, height = float(page.width), float(page.height)
            words = [Word(w["text"], w["x0"] / width, w["top"] / height, w["x1"] / width, w["bottom"] / height)
                     for w in page.extract_words(x_tolerance=1.5)]
            lines.extend(group_lines(number, [_clip(w) for w in words]))
        return TextDocument("pdf_text", lines, len(pdf.pages))


def _words(doc: TextDocument) -> list[tuple[int, Word, str]]:
    """(page, word, the text of its line), top to bottom."""
    return sorted(((line.page, w, line.text) for line in doc.lines for w in line.words),
                  key=lambda p: (p[0], p[1].y0, p[1].x0))


def _assert_same_words(new: TextDocument, old: TextDocument) -> None:
    assert new.page_count == old.page_count
    assert Counter((p, w.text) for p, w, _ in _words(new)) == Counter((p, w.text) for p, w, _ in _words(old))
    # every word has its twin: same text, same place within a point, the same height (the font size) within 2%
    for page, word, line in _words(old):
        twin = min((w for p, w, _ in _words(new) if p == page and w.text == word.text),
                   key=lambda w: abs(w.x0 - word.x0) + abs(w.y0 - word.y0))
        assert abs(twin.y0 - word.y0) < POINT and abs(twin.y1 - word.y1) < POINT
        assert abs((twin.y1 - twin.y0) - (word.y1 - word.y0)) < 0.02 * (word.y1 - word.y0)
        if "€" not in line:  # pdfminer gives the standard fonts' euro sign no width: what follows it moves left
            assert abs(twin.x0 - word.x0) < POINT and abs(twin.x1 - word.x1) < POINT
    assert [(line.page, [w.text for w in line.words]) for line in new.lines] == \
        [(line.page, [w.text for w in line.words]) for line in old.lines]


@pytest.mark.parametrize("ident, family, language", [
    ("gen-000-A-fr", "A", "fr"), ("gen-007-B-nl", "B", "nl"), ("gen-014-C-de", "C", "de"),
    ("gen-003-D-en", "D", "en"), ("gen-010-E-fr", "E", "fr"), ("gen-005-H-nl", "H", "nl")])
def test_words_as_pdfplumber_read_them(ident, family, language):
    """Each layout family of the generated corpus: the same words, boxes and lines as pdfplumber's."""
    data = _generated(ident, family, language)
    _assert_same_words(words_of_pdf(Probe(data), 100), _plumber(data))


def test_rotated_page_reads_as_displayed():
    """A page with /Rotate 90 is read as it is displayed (boxes of the turned page), as pdfplumber read it."""
    pdf = pikepdf.open(io.BytesIO(_generated("gen-001-B-fr", "B", "fr")))
    pdf.pages[0].Rotate = 90
    out = io.BytesIO()
    pdf.save(out)
    new, old = words_of_pdf(Probe(out.getvalue()), 100), _plumber(out.getvalue())
    assert Counter(w.text for _, w, _ in _words(new)) == Counter(w.text for _, w, _ in _words(old))
    for _, word, line in _words(old):
        twin = min((w for _, w, _ in _words(new) if w.text == word.text),
                   key=lambda w: abs(w.x0 - word.x0) + abs(w.y0 - word.y0))
        assert abs(twin.y0 - word.y0) < POINT and ("€" in line or abs(twin.x0 - word.x0) < POINT)


def test_text_drawn_twice_is_read_once():
    """Fake bold (the same text drawn twice, a fraction of a point apart): one word, where pdfminer read
    'RReecchhnnuunngg' letters."""
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=A4)
    for dx in (0, 0.3):
        page.drawString(72 + dx, 700, "Rechnung 2025-0042")
    page.save()
    assert [w.text for _, w, _ in _words(words_of_pdf(Probe(buf.getvalue()), 100))] == ["Rechnung", "2025-0042"]


def test_page_limit_and_page_count():
    """Words of the first `max_pages` pages only; the page count stays the document's."""
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=A4)
    for n in range(3):
        page.drawString(72, 700, f"Seite {n + 1}")
        page.showPage()
    page.save()
    doc = words_of_pdf(Probe(buf.getvalue()), 2)
    assert doc.page_count == 3 and [line.text for line in doc.lines] == ["Seite 1", "Seite 2"]
