"""Amounts printed in two currency columns (issue 14 item 2, FEATURES REC-1): the totals are read in the
document's currency, the other column is a conversion for reference; a made-up page of a SaaS-style invoice."""
from decimal import Decimal

from recognition.domain.fields import find_currency
from recognition.domain.layout import TextDocument, Word, group_lines
from recognition.domain.totals import find_totals


def _two_column_page(first: str, second: str, extra: list[str]) -> TextDocument:
    """A page with a header of two currencies over 'label  amount  amount' rows, the amounts under the codes."""
    words = []
    rows = [("", first, second)] + [("Purchases", "119.95", "109.15"), ("VAT (19%)", "0.00", "0.00"),
                                    ("Total at checkout", "119.95", "109.15")]
    for i, (label, a, b) in enumerate(rows):
        y = 0.4 + 0.02 * i
        x = 0.1
        for part in label.split():
            words.append(Word(part, x, y, x + 0.008 * len(part), y + 0.012))
            x += 0.008 * (len(part) + 1)
        for text, x in ((a, 0.6), (b, 0.8)):
            words.append(Word(text, x, y, x + 0.008 * len(text), y + 0.012))
    for i, text in enumerate(extra):
        y = 0.1 + 0.02 * i
        x = 0.1
        for part in text.split():
            words.append(Word(part, x, y, x + 0.008 * len(part), y + 0.012))
            x += 0.008 * (len(part) + 1)
    return TextDocument("pdf_text", group_lines(1, words), 1)


def test_the_totals_are_read_in_the_documents_currency_column():
    doc = _two_column_page("USD", "EUR", ["Invoice 2530418", "Payment currency: USD", "Billing method: card USD"])
    net, vat, gross, _ = find_totals(doc)
    assert find_currency(doc).value == "USD"
    assert (net.value, vat.value, gross.value) == (Decimal("119.95"), Decimal("0.00"), Decimal("119.95"))


def test_the_other_column_when_the_document_is_in_that_currency():
    doc = _two_column_page("USD", "EUR", ["Rechnung 2530418", "Währung: EUR", "Betrag in EUR"])
    _, _, gross, _ = find_totals(doc)
    assert find_currency(doc).value == "EUR"
    assert gross.value == Decimal("109.15")
