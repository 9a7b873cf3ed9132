"""What OCR does to invoice numbers, amounts and rows, and how the finders read through it (REC-1, REC-3)."""
from datetime import date
from decimal import Decimal

import pytest

from recognition.domain.fields import find_dates, find_invoice_number
from recognition.domain.identifiers import payment_references_in, vat_numbers_in
from recognition.domain.layout import TextDocument, Word, group_lines
from recognition.domain.parsing import amounts_in, ocr_digits
from recognition.domain.totals import find_totals


def _ocr(rows: list[list[tuple[str, float]]], *, dy: list[list[float]] | None = None) -> TextDocument:
    """An OCR'd page: each row's words at x, shifted down by dy (page fractions) where given."""
    words = []
    for i, row in enumerate(rows):
        for j, (text, x) in enumerate(row):
            y = 0.1 + i * 0.02 + (dy[i][j] if dy else 0.0)
            words.append(Word(text, x, y, x + 0.012 * len(text), y + 0.008, 0.9))
    return TextDocument("ocr", group_lines(1, words), 1)


def test_invoice_number_lower_case_read_for_a_capital_is_given_in_capitals():
    """OCR reads 'V2024-5099' as 'v2024-5099' (v and V differ by size only); codes are written in capitals."""
    doc = _ocr([[("Invoice", 0.1), ("number", 0.2), ("v2024-5099", 0.4)]])
    assert find_invoice_number(doc).value == "V2024-5099"


def test_invoice_number_with_other_lower_case_letters_is_kept():
    doc = _ocr([[("Invoice", 0.1), ("number", 0.2), ("inv-2024/77", 0.4)]])
    assert find_invoice_number(doc).value == "inv-2024/77"


@pytest.mark.parametrize("line", ["Btw-nr. DE552055003", "Btw-nr. BE 0942.830.003", "Btw-nr. BE0359 068 066"])
def test_a_vat_or_enterprise_number_is_never_the_invoice_number(line):
    """'nr.' inside 'Btw-nr.' is an invoice-number label too; the VAT number after it belongs to a party."""
    words, x = [], 0.1
    for w in line.split():
        words.append((w, x))
        x += 0.012 * (len(w) + 1)
    doc = _ocr([words])
    assert find_invoice_number(doc) is None


def test_label_and_value_on_one_row_at_slightly_different_heights_are_one_line():
    """On a photo the row drifts: the value right of its label sits lower than a word far right on the same row.
    Rows are matched against the nearest word across, so the value stays on its label's line."""
    doc = _ocr([[("Numéro", 0.12), ("de", 0.2), ("facture", 0.23), ("FA2025/1801", 0.32), ("59000", 0.77),
                 ("Lille", 0.82)]], dy=[[0.003, 0.003, 0.003, 0.0042, 0.0, 0.0]])
    assert find_invoice_number(doc).value == "FA2025/1801"


@pytest.mark.parametrize("text, value", [
    ("Total HTVA  57:232;13 €", "57232.13"),       # colon and semicolon read for the separators
    ("Nettobetrag  35:592,36:€", "35592.36"),
    ("Subtotal  197,755. 39", "197755.39"),         # a space after the decimal point
    ("Total VAT 0%  0. 00", "0.00"),
    ("Total HTVA  372.112 ,47", "372112.47"),       # a space before the decimal comma
])
def test_ocr_separators_misread_still_give_the_amount(text, value):
    fixed = ocr_digits(text)
    assert len(fixed) == len(text)  # positions still point into the OCR'd text
    assert amounts_in(fixed)[-1][0] == Decimal(value)
    assert amounts_in(text) == [] or amounts_in(text)[-1][0] != Decimal(value)  # not read without the repair


def test_a_time_is_not_an_amount():
    assert amounts_in(ocr_digits("Delivered at 12:30 on 3;45")) == []


def test_totals_read_through_a_space_after_the_decimal_point():
    net, vat, total, consistent = find_totals(_ocr([
        [("Subtotal", 0.6), ("197,755.", 0.75), ("39", 0.86)],
        [("Total", 0.6), ("VAT", 0.66), ("21%", 0.7), ("41,528.", 0.75), ("63", 0.86)],
        [("Total", 0.6), ("239,284.02", 0.75)],
    ]))
    assert (net.value, vat.value, total.value) == (Decimal("197755.39"), Decimal("41528.63"), Decimal("239284.02"))
    assert consistent


@pytest.mark.parametrize("text, ref", [
    ("Mededeling: +++574/6984/2957544+", "+++574/6984/29575+++"),        # '++' of the frame read '44'
    ("Verwendungszweck: 4+44025/5324/15273+++", "+++025/5324/15273+++"),
    ("Communication: +++1 48/3020/16566+++", "+++148/3020/16566+++"),    # a space inside a group
])
def test_structured_communication_read_through_ocr_noise(text, ref):
    assert [found[0] for found in payment_references_in(text)] == [ref]


def test_a_loose_reading_must_still_pass_the_check_digits():
    assert payment_references_in("+++574/6984/2957644+") == []
    assert payment_references_in("du 12/03/2025 au 14/0412/20251") == []


@pytest.mark.parametrize("text, vat", [("N° TVA FRO3218096931", "FR03218096931"), ("VAT NLO18436341B03", "NL018436341B03")])
def test_vat_number_with_letter_o_read_for_zero(text, vat):
    """French and Dutch VAT numbers may hold letters, so O is not blindly a digit there; it is tried as 0 when
    the number does not check as read."""
    assert [found[0] for found in vat_numbers_in(text)] == [vat]


def test_a_label_word_split_after_its_first_letter_is_still_a_label():
    """OCR reads 'Invoice number' as 'I nvoice number'; without the label, 'No.' in 'VAT No.' would be taken."""
    doc = _ocr([[("52062", 0.1), ("Aachen", 0.16), ("I", 0.3), ("nvoice", 0.315), ("number", 0.4), ("2024/5830", 0.6)],
                [("VAT", 0.1), ("No.", 0.15), ("DE850071750", 0.2)]])
    assert find_invoice_number(doc).value == "2024/5830"


def test_a_date_with_a_space_inside_its_month_is_still_the_issue_date():
    """'16.1 0.2024' (OCR split the month): read as 16 October, not replaced by the due date below."""
    doc = _ocr([[("Date", 0.1), ("d'émission:", 0.16), ("16.1", 0.32), ("0.2024", 0.37)],
                [("À", 0.1), ("payer", 0.12), ("avant", 0.2), ("le:", 0.27), ("15.11.2024", 0.32)]])
    issue, due = find_dates(doc)
    assert (issue.value, due.value) == (date(2024, 10, 16), date(2024, 11, 15))
