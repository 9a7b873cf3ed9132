"""Photos whose first OCR reading misses the total or the date get one more reading with the background evened out
(issue 14, REC-1): the shading of a photo divided out, the second reading replacing a first that found next to no
text, and filling only the missing fields otherwise; a photo still incomplete after that is read once more as one
block of text (psm 6: an amount column tesseract's page layout dropped); scans (PDF pages) never get those passes."""
import io
from decimal import Decimal

from PIL import Image, ImageDraw

from recognition.extractors import ocr
from recognition.extractors.base import Context
from recognition.extractors.photo_prep import even_background
from recognition.extractors.probe import Probe

HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"


def _tsv(rows: list[str], width: int = 1000, first_conf: int = 90) -> bytes:
    """Tesseract TSV of some rows of words, 40 px apart, each word 20 px a character (the first row's words read
    with `first_conf`, the others with 90)."""
    out = [HEADER]
    for i, row in enumerate(rows, start=1):
        x = 20
        conf = first_conf if i == 1 else 90
        for j, word in enumerate(row.split(), start=1):
            out.append(f"5\t1\t1\t1\t{i}\t{j}\t{x}\t{40 * i}\t{20 * len(word)}\t30\t{conf}\t{word}\n")
            x += 20 * len(word) + 20
    return "".join(out).encode()


def _photo(width: int = 1000, height: int = 1500) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buf, "JPEG")
    return buf.getvalue()


def _fake_tesseract(readings: list[bytes], calls: list[Image.Image]):
    def run(image, languages, outputs=("tsv",), dpi=300, psm=3):
        if psm == 7:
            return {"txt": b""}  # a strip of the totals' second look, not a page reading
        calls.append(image)
        return {"tsv": readings[min(len(calls), len(readings)) - 1], "pdf": b""}
    return run


RECEIPT = ["SHOP NAME SDN BHD", "Date: 12/03/2018 10:22", "Cashier: 01", "TOTAL 14.10", "CASH 20.00",
           "CHANGE 5.90", "Thank you"]


def test_a_shaded_photo_comes_out_dark_print_on_even_white():
    image = Image.linear_gradient("L").resize((400, 600)).point(lambda v: 110 + v // 2)  # 110 at the top, 237 below
    draw = ImageDraw.Draw(image)
    for y in (50, 300, 550):
        draw.rectangle((100, y, 300, y + 6), fill=int(image.getpixel((50, y)) * 0.4))  # print 60% darker
    even = even_background(image)
    assert even.size == image.size and even.mode == "L"
    paper = [even.getpixel((50, y)) for y in (50, 300, 550)]
    assert min(paper) >= 220 and max(paper) - min(paper) <= 20  # was 110 at the top and 237 below
    assert max(even.getpixel((200, y + 3)) for y in (50, 300, 550)) <= 120  # print: dark everywhere


def test_a_photo_read_as_nothing_is_read_again_and_the_second_reading_replaces_it(monkeypatch):
    calls: list[Image.Image] = []
    monkeypatch.setattr(ocr, "tesseract", _fake_tesseract([_tsv([]), _tsv(RECEIPT)], calls))
    extraction = ocr.OcrExtractor().extract(Probe(_photo()), Context(searchable_pdf=False))
    assert len(calls) == 2 and calls[1].tobytes() == even_background(calls[0]).tobytes()
    assert extraction.invoice.total_incl_vat.value == Decimal("14.10")
    assert b"CASHIER" in extraction.words.upper()  # the words shown are the second reading's


def test_a_photo_missing_only_its_total_gets_the_total_of_the_second_reading(monkeypatch):
    first = [r for r in RECEIPT if not r.startswith(("TOTAL", "CASH", "CHANGE"))] + ["TOTAL ~~ ~~"]
    calls: list[Image.Image] = []
    monkeypatch.setattr(ocr, "tesseract", _fake_tesseract([_tsv(first), _tsv(RECEIPT)], calls))
    invoice = ocr.OcrExtractor().extract(Probe(_photo()), Context(searchable_pdf=False)).invoice
    assert len(calls) == 2
    assert invoice.total_incl_vat.value == Decimal("14.10") and invoice.issue_date is not None


def test_a_photo_still_missing_its_total_is_read_as_one_block_and_gets_the_total_of_that_reading(monkeypatch):
    no_amounts = [r for r in RECEIPT if not r.startswith(("TOTAL", "CASH", "CHANGE"))] + ["TOTAL", "CASH", "CHANGE"]
    psms: list[int] = []

    def run(image, languages, outputs=("tsv",), dpi=300, psm=3):
        if psm == 7:
            return {"txt": b""}
        psms.append(psm)
        return {"tsv": _tsv(RECEIPT if psm == 6 else no_amounts), "pdf": b""}
    monkeypatch.setattr(ocr, "tesseract", run)
    invoice = ocr.OcrExtractor().extract(Probe(_photo()), Context(searchable_pdf=False)).invoice
    assert psms == [3, 3, 6]  # first reading, evened background, one block
    assert invoice.total_incl_vat.value == Decimal("14.10") and invoice.issue_date is not None
    assert invoice.seller.name.value == "SHOP NAME SDN BHD"


def test_the_one_block_reading_fills_only_what_the_page_readings_left_empty(monkeypatch):
    without_date = [r for r in RECEIPT if not r.startswith("Date")]
    other_block = ["OTHER NAME SDN BHD", "Date: 14/03/2018 10:22", "Cashier: 01", "TOTAL 99.90", "Thank you"]
    psms: list[int] = []

    def run(image, languages, outputs=("tsv",), dpi=300, psm=3):
        if psm == 7:
            return {"txt": b""}
        psms.append(psm)
        return {"tsv": _tsv(other_block if psm == 6 else without_date), "pdf": b""}
    monkeypatch.setattr(ocr, "tesseract", run)
    invoice = ocr.OcrExtractor().extract(Probe(_photo()), Context(searchable_pdf=False)).invoice
    assert psms == [3, 3, 6]
    assert invoice.issue_date.value.isoformat() == "2018-03-14"  # the date only the one-block reading gave
    assert invoice.total_incl_vat.value == Decimal("14.10")  # the page reading's total stays
    assert invoice.seller.name.value == "SHOP NAME SDN BHD"


def _garbled_letterhead(psms: list[int]):
    garbled = ["Ex oa Ag"] + RECEIPT[1:]  # the shop's name in a bold font, read as letters OCR was unsure of

    def run(image, languages, outputs=("tsv",), dpi=300, psm=3):
        if psm == 7:
            return {"txt": b""}
        psms.append(psm)
        return {"tsv": _tsv(RECEIPT) if psm == 6 else _tsv(garbled, first_conf=20), "pdf": b""}
    return run


def test_a_slip_whose_shop_name_was_read_unsurely_takes_the_surer_name_of_the_one_block_reading(monkeypatch):
    psms: list[int] = []
    monkeypatch.setattr(ocr, "tesseract", _garbled_letterhead(psms))
    invoice = ocr.OcrExtractor().extract(Probe(_photo()), Context(searchable_pdf=False)).invoice
    assert psms == [3, 6]  # total and date were read: no evened reading, one block for the name
    assert invoice.seller.name.value == "SHOP NAME SDN BHD"


def test_a_photo_read_as_garbage_takes_the_shop_name_of_a_one_block_reading_that_shows_a_till_slip(monkeypatch):
    garbage = ["Ex oa Ag", "Se D sa ee", "21/07/2046 OF 4"]  # no till word read, no total
    psms: list[int] = []

    def run(image, languages, outputs=("tsv",), dpi=300, psm=3):
        if psm == 7:
            return {"txt": b""}
        psms.append(psm)
        return {"tsv": _tsv(RECEIPT) if psm == 6 else _tsv(garbage, first_conf=20), "pdf": b""}
    monkeypatch.setattr(ocr, "tesseract", run)
    invoice = ocr.OcrExtractor().extract(Probe(_photo()), Context(searchable_pdf=False)).invoice
    assert psms == [3, 3, 6]
    assert invoice.seller.name.value == "SHOP NAME SDN BHD" and invoice.total_incl_vat.value == Decimal("14.10")


def test_a_photo_still_without_a_total_after_the_one_block_reading_is_read_enlarged(monkeypatch):
    no_amounts = [r for r in RECEIPT if not r.startswith(("TOTAL", "CASH", "CHANGE"))] + ["TOTAL", "CASH", "CHANGE"]
    sizes: list[tuple[int, int, int]] = []

    def run(image, languages, outputs=("tsv",), dpi=300, psm=3):
        if psm == 7:
            return {"txt": b""}
        sizes.append((psm, image.width, image.height))
        enlarged = psm == 6 and image.width > sizes[0][1]
        return {"tsv": _tsv(RECEIPT if enlarged else no_amounts), "pdf": b""}
    monkeypatch.setattr(ocr, "tesseract", run)
    invoice = ocr.OcrExtractor().extract(Probe(_photo()), Context(searchable_pdf=False)).invoice
    (_, width, height) = sizes[0]
    assert sizes == [(3, width, height), (3, width, height), (6, width, height),
                     (6, round(width * 1.5), round(height * 1.5))]
    assert invoice.total_incl_vat.value == Decimal("14.10")


def test_a_complete_photo_is_read_once(monkeypatch):
    calls: list[Image.Image] = []
    monkeypatch.setattr(ocr, "tesseract", _fake_tesseract([_tsv(RECEIPT)], calls))
    ocr.OcrExtractor().extract(Probe(_photo()), Context(searchable_pdf=False))
    assert len(calls) == 1


def test_a_scanned_pdf_missing_its_total_is_not_read_again(monkeypatch):
    import pikepdf
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    buf = io.BytesIO()
    pdf.save(buf)
    calls: list[Image.Image] = []
    monkeypatch.setattr(ocr, "tesseract", _fake_tesseract([_tsv(["Invoice 12"])], calls))
    ocr.OcrExtractor().extract(Probe(buf.getvalue()), Context(searchable_pdf=False))
    assert len(calls) == 1
