"""Invoice numbers as real text layers print them (issue 14 item 2): a hyphen whose glyph has no Unicode
mapping, a number glued to 'N°', a number that looks like a date in part, and a 'n°' inside a sentence that
belongs to a law, not to the invoice."""
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
