"""A slice of `make eval` with accuracy floors, so a regression in the finders fails make test (REC-1..3)."""
import pytest

from recognition_bench.eval import run
from recognition_bench.score import TARGETS


@pytest.fixture(scope="module")
def scores():
    text = run(168, ["pdf_text"], workers=2, structured=True, every=6)
    ocr = run(168, ["ocr-scan", "ocr-photo"], workers=2, structured=False, every=42)
    return text, ocr


def test_structured_invoices_read_every_field(scores):
    """REC-2: 100% of the fields present in the shared standards' XML samples."""
    text, _ = scores
    for name, tally in text.tallies["structured"].items():
        assert tally.right == tally.present, name


def test_born_digital_pdfs_floor(scores):
    """REC-1/3: born-digital PDFs at or above 95% per target field on this slice (target 97% on the corpus)."""
    text, _ = scores
    for source in [s for s in text.tallies if s.startswith("pdf_text")]:
        for name in TARGETS:
            assert text.accuracy(source, name) >= 0.95, (source, name, text.report())
            assert text.tallies[source][name].wrong_confident == 0, (source, name)


def test_scans_and_photos_floor(scores):
    """REC-1: OCR'd scans and photos: mandatory fields at or above 75% on this small slice."""
    _, ocr = scores
    for source in ocr.tallies:
        for name in ("invoice_number", "issue_date", "total_incl_vat", "seller_vat"):
            assert ocr.accuracy(source, name) >= 0.75, (source, name, ocr.report())
