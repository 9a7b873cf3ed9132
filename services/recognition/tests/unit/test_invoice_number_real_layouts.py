"""Invoice numbers as real text layers print them (issue 14 item 2): a hyphen whose glyph has no Unicode
mapping, a number glued to 'N°', a number that looks like a date in part, a 'n°' inside a sentence that
belongs to a law, not to the invoice, a 'n°' naming another register after it, and a long number OCR split."""
import pytest

from recognition.domain.fields import find_invoice_number
from recognition.domain.layout import TextDocument, Word, group_lines


def _page(rows: list[tuple[str, float]]) -> TextDocument:
    words = []
    for i, (text, x) in enumerate(rows):
        y = 0.05 + i * 0.03
        for part in text.split(" "):
            words.append(Word(part, x, y, x + 0.008 * len(part), y + 0.012))
            x += 0.008 * (len(part) + 1)
    return TextDocument("pdf_text", group_lines(1, words), 1)


@pytest.mark.parametrize("rows, number", [
    ([("Invoice", 0.05), ("Invoice number 42A5DE55\x000071", 0.05)], "42A5DE55-0071"),
    ([("FACTURE", 0.7), ("N°F-20240000010", 0.7)], "F-20240000010"),
    ([("VAT Invoice no. FS/22/09/51", 0.5)], "FS/22/09/51"),
])
def test_number_read_as_printed(rows, number):
    found = find_invoice_number(_page(rows))
    assert found is not None and found.value == number


def test_a_law_number_in_a_sentence_is_not_the_invoice_number():
    doc = _page([("FACTURE", 0.7),
                 ("La loi n°92/1442 du 31 décembre 1992 nous fait l'obligation de vous indiquer", 0.02)])
    assert find_invoice_number(doc) is None


def test_a_generic_number_label_naming_another_register_after_it_labels_no_invoice_number():
    """'N° au RC : Naf 6920Z', 'N° intracom : FR…', 'N° client : …' name what they number after the label."""
    doc = _page([("N° au RC :  Naf: 6920Z", 0.05), ("N° intracom :  FR20123589444", 0.05),
                     ("N° client :  C-7781", 0.05), ("Facture  n°:  F-2022-11", 0.5), ("Total TTC  195,48", 0.5)])
    assert find_invoice_number(doc).value == "F-2022-11"


def test_an_ocr_split_long_number_is_one_code_again():
    """OCR put a space inside '20221100001'; two runs of three digits or more joined, only on OCR'd pages."""
    rows = [("Facture  n°:  20221 100001", 0.5), ("Total TTC  195,48", 0.5)]
    scanned = _page(rows)
    scanned = TextDocument("ocr", scanned.lines, scanned.page_count)
    assert find_invoice_number(scanned).value == "20221100001"
    assert find_invoice_number(_page(rows)).value == "20221"  # a text layer's space is the issuer's


def test_an_ordinal_sign_ocr_read_as_a_2_still_labels_the_number():
    """'nº 2023-6013' scanned reads 'n2 2023-6013': the raised o before a space is the label's sign (OCR'd pages
    only; 'n22023' glued to its digits is not taken apart)."""
    rows = [("FACTURE", 0.7), ("n2 2023-6013", 0.7), ("Total TTC  195,48", 0.5)]
    scanned = _page(rows)
    scanned = TextDocument("ocr", scanned.lines, scanned.page_count)
    assert find_invoice_number(scanned).value == "2023-6013"
    assert find_invoice_number(_page(rows)) is None


def _scanned(rows: list[tuple[str, float]]) -> TextDocument:
    page = _page(rows)
    return TextDocument("ocr", page.lines, page.page_count)


def test_an_underscore_ocr_lost_inside_a_code_is_put_back():
    """REC-1: a scan's blur erases the underscore of 'AB7_2024031_XYZ' and OCR reads a space; a capital run
    ending the column after a code written with underscores is its last part again (OCR'd pages only)."""
    rows = [("FACTURE", 0.7), ("N°  AB7_2024031 XYZ", 0.6), ("Total TTC  195,48", 0.5)]
    assert find_invoice_number(_scanned(rows)).value == "AB7_2024031_XYZ"
    assert find_invoice_number(_page(rows)).value == "AB7_2024031"  # a text layer's space is the issuer's


@pytest.mark.parametrize("line, number", [
    ("N°  AB7_2024031 du 01/02/2024", "AB7_2024031"),  # a lower-case word after it: the sentence goes on
    ("N°  AB7_2024031 XYZ 12", "AB7_2024031"),  # the capital run does not end the column
    ("N°  AB7-2024031 XYZ", "AB7-2024031"),  # no underscore in the code: nothing to put back
])
def test_no_underscore_is_invented(line, number):
    assert find_invoice_number(_scanned([("FACTURE", 0.7), (line, 0.6)])).value == number
