"""When the OCR extractor takes the second look at the totals (REC-1, issue 14's OCR cost): only when net, VAT and
gross were all read and do not add up. A second look is kept only when the totals then add up, so a page missing
one of them (a till slip showing only its total) is not read again strip by strip; tesseract is a fake that
counts the strip readings (psm 7)."""
import io

from PIL import Image

from recognition.extractors import ocr
from recognition.extractors.base import Context
from recognition.extractors.probe import Probe

HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"


def _tsv(rows: list[str]) -> bytes:
    out = [HEADER]
    for i, row in enumerate(rows, start=1):
        x = 20
        for j, word in enumerate(row.split(), start=1):
            out.append(f"5\t1\t1\t1\t{i}\t{j}\t{x}\t{40 * i}\t{20 * len(word)}\t30\t90\t{word}\n")
            x += 20 * len(word) + 20
    return "".join(out).encode()


def _photo() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (1000, 1500), "white").save(buf, "JPEG")
    return buf.getvalue()


def _strips_read(monkeypatch, rows: list[str]) -> int:
    strips = []

    def tesseract(image, languages, outputs=("tsv",), dpi=300, psm=3):
        if psm == 7:
            strips.append(image.size)
            return {"txt": b""}
        return {"tsv": _tsv(rows), "pdf": b""}
    monkeypatch.setattr(ocr, "tesseract", tesseract)
    ocr.OcrExtractor().extract(Probe(_photo()), Context(searchable_pdf=False))
    return len(strips)


def test_a_till_slip_with_only_its_total_gets_no_strip_readings(monkeypatch):
    rows = ["SHOP NAME SDN BHD", "Date: 12/03/2018 10:22", "Cashier: 01", "TOTAL 14.10", "CASH 20.00",
            "CHANGE 5.90", "Thank you"]
    assert _strips_read(monkeypatch, rows) == 0


def test_totals_that_do_not_add_up_are_read_again_strip_by_strip(monkeypatch):
    rows = ["INVOICE 2024-17", "Date: 12/03/2024", "Total excl. VAT 400.00", "VAT 37.00", "Total incl. VAT 520.00"]
    assert _strips_read(monkeypatch, rows) >= 1
