"""The second look at totals amounts whose leading digits OCR dropped (REC-3): a strip left of each amount is read
again as one line; tesseract is replaced by a fake that answers what a strip would show."""
from decimal import Decimal

from PIL import Image

from recognition.domain.layout import TextDocument, Word, group_lines
from recognition.domain.reader import read_invoice
from recognition.extractors.second_look import second_look

# 'Totaal excl. btw   30 783,94 €' with the '30' column lost by tesseract's layout analysis, and so on
ROWS = [("Totaal excl. btw", "783,94"), ("Totaal btw", "464,63"), ("Te betalen", "248,57")]


def _page() -> TextDocument:
    words = []
    for i, (label, amount) in enumerate(ROWS):
        y, x = 0.5 + i * 0.03, 0.1
        for text in label.split():
            words.append(Word(text, x, y, x + 0.012 * len(text), y + 0.012, 0.95))
            x += 0.012 * (len(text) + 1)
        words.append(Word(amount, 0.72, y, 0.72 + 0.012 * len(amount), y + 0.012, 0.95))
        words.append(Word("€", 0.8, y, 0.812, y + 0.012, 0.95))
    return TextDocument("ocr", group_lines(1, words), 1)


def _strips(*answers: str):
    asked = []

    def read_strip(image: Image.Image) -> str:
        asked.append(image.size)
        return answers[len(asked) - 1]
    return read_strip, asked


def test_amounts_whose_leading_digits_were_dropped_are_read_again():
    doc = _page()
    before = read_invoice(doc)
    assert before.total_incl_vat.value == Decimal("248.57") and not before.totals_consistent
    read_strip, asked = _strips("30 783,94", "6 464,63", "37 248,57")
    again = read_invoice(second_look(doc, [Image.new("L", (2000, 2600), 255)], read_strip))
    assert len(asked) == 3 and all(w > h for w, h in asked)  # one strip per totals line, wider than high
    assert (again.total_excl_vat.value, again.total_vat.value, again.total_incl_vat.value) == (
        Decimal("30783.94"), Decimal("6464.63"), Decimal("37248.57"))
    assert again.totals_consistent


def test_a_strip_reading_other_cents_or_no_more_digits_changes_nothing():
    """'30 783,95' does not end like '783,94' did; '464,63' adds no digit; '1 248,57-' is a smaller amount."""
    doc = _page()
    read_strip, _ = _strips("30 783,95", "464,63", "1 248,57-")
    assert second_look(doc, [Image.new("L", (2000, 2600), 255)], read_strip) is doc


def test_what_the_first_reading_made_of_the_lost_digits_is_dropped():
    """'Nettobetrag  - 385,46': the '174.' column read as a dash. The strip reads '174.385,46'; the dash, inside
    the strip, goes, so the net is not read as negative."""
    words = [Word("Nettobetrag", 0.1, 0.5, 0.232, 0.512, 0.95), Word("-", 0.66, 0.5, 0.668, 0.512, 0.6),
             Word("385,46", 0.72, 0.5, 0.792, 0.512, 0.95)]
    doc = TextDocument("ocr", group_lines(1, words), 1)
    read_strip, _ = _strips("174.385,46")
    again = second_look(doc, [Image.new("L", (2000, 2600), 255)], read_strip)
    assert [w.text for line in again.lines for w in line.words] == ["Nettobetrag", "174.385,46"]
    assert read_invoice(again).total_excl_vat.value == Decimal("174385.46")


def test_amounts_cut_after_their_decimal_separator_get_their_cents_back():
    """A frame line right of the column: 'EUR 51,056.' and so on. Strips reaching right read the cents; then the
    net, the VAT rows and the total add up."""
    rows = [("Net total", "51,056.", "51,056.04"), ("VAT 5.5 %", "895.", "895.98"), ("VAT 10%", "2,671.", "2,671.14"),
            ("VAT 20%", "1,610.", "1,610.83"), ("Total due", "56,233.99", None)]
    words = []
    for i, (label, amount, _) in enumerate(rows):
        y, x = 0.4 + i * 0.02, 0.55
        for text in label.split() + ["EUR"]:
            words.append(Word(text, x, y, x + 0.012 * len(text), y + 0.012, 0.95))
            x += 0.012 * (len(text) + 1)
        words.append(Word(amount, 0.842 - 0.012 * len(amount), y, 0.842, y + 0.012, 0.95))
    doc = TextDocument("ocr", group_lines(1, words), 1)
    assert read_invoice(doc).total_excl_vat is None
    read_strip, asked = _strips(*[full for _, _, full in rows if full], "56,233.99")  # the total: read alike
    again = read_invoice(second_look(doc, [Image.new("L", (2000, 2600), 255)], read_strip))
    assert len(asked) == 5
    assert (again.total_excl_vat.value, again.total_vat.value, again.total_incl_vat.value) == (
        Decimal("51056.04"), Decimal("5177.95"), Decimal("56233.99"))
    assert again.totals_consistent
