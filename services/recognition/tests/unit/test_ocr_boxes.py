"""OCR word boxes stay on the page: deskewing a word at the top edge of a skewed scan must not put its box
above the page (a negative y broke the contract's Box and with it the whole document's result)."""
from recognition.adapters.wire import to_contract
from recognition.domain.layout import TextDocument, group_lines
from recognition.domain.reader import read_invoice
from recognition.extractors.ocr import words_from_tsv

HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"


def _tsv() -> bytes:
    rows = []
    # a line of three words rising to the right (the page is skewed), then one word at the very top left
    for i, (left, top, text) in enumerate(((100, 400, "Facture"), (700, 380, "F-2025-1"), (1300, 360, "2025"))):
        rows.append(f"5\t1\t1\t1\t1\t{i + 1}\t{left}\t{top}\t300\t40\t95\t{text}")
    rows.append("5\t1\t2\t1\t1\t1\t100\t0\t200\t30\t90\tACME")
    return (HEADER + "\n".join(rows) + "\n").encode()


def test_deskewed_boxes_stay_within_the_page():
    words = words_from_tsv(_tsv(), 2000, 2800)
    assert all(0.0 <= v <= 1.0 for w in words for v in (w.x0, w.y0, w.x1, w.y1))


def test_a_document_with_a_word_at_the_top_edge_still_gives_its_contract():
    doc = TextDocument("ocr", group_lines(1, words_from_tsv(_tsv(), 2000, 2800)), 1)
    assert to_contract(read_invoice(doc)) is not None
