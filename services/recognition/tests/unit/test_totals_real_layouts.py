"""Totals on layouts seen in real documents: labels qualified by 'zzgl./excl.', totals in a column under their
header, several net lines and an 'Endsumme', allowance lines beside the totals (issue 14 item 2)."""
from decimal import Decimal

from recognition.domain.layout import TextDocument, Word, group_lines
from recognition.domain.totals import find_totals


def _text_pdf(rows: list[list[tuple[str, float]]]) -> TextDocument:
    """Rows of (word, x) on a text-layer page, one row every 2% of the page height."""
    words = []
    for i, row in enumerate(rows):
        y = 0.5 + i * 0.02
        for text, x in row:
            for part in text.split(" "):
                words.append(Word(part, x, y, x + 0.008 * len(part), y + 0.012))
                x += 0.008 * (len(part) + 1)
    return TextDocument("pdf_text", group_lines(1, words), 1)


def _values(found) -> tuple:
    net, vat, total, _ = found
    return tuple(f.value if f else None for f in (net, vat, total))


def test_qualified_subtotal_and_vat_with_its_base():
    """'Zwischensumme (zzgl. MwSt.)' is the net, 'zzgl. 19% MwSt. aus 100,00  19,00' the VAT (not its base)."""
    doc = _text_pdf([
        [("Zwischensumme (zzgl. MwSt.)", 0.5), ("100,00 €", 0.85)],
        [("zzgl. 19,0% MwSt. aus 100,00 €", 0.45), ("19,00 €", 0.85)],
        [("Gesamtbetrag", 0.6), ("119,00 €", 0.85)],
    ])
    assert _values(find_totals(doc)) == (Decimal("100.00"), Decimal("19.00"), Decimal("119.00"))


def test_totals_in_columns_under_their_header_and_an_advance():
    """'TOTAL HT  TOTAL TVA  TOTAL TTC' over one row of amounts; the advance and the rest to pay are not the total."""
    doc = _text_pdf([
        [("TOTAL HT", 0.55), ("TOTAL TVA", 0.7), ("TOTAL TTC", 0.85)],
        [("Les règlements reçus ne donneront pas lieu à escompte.", 0.05), ("100,00", 0.56), ("20,00", 0.71),
         ("120,00", 0.86)],
        [("Acompte :", 0.7), ("20,00", 0.86)],
        [("NET A PAYER", 0.55), ("100,00 EUR", 0.86)],
    ])
    assert _values(find_totals(doc)) == (Decimal("100.00"), Decimal("20.00"), Decimal("120.00"))


def test_two_net_lines_two_vat_lines_and_a_final_sum():
    """Items and shipping each with their net and VAT line: the totals are their sums and the 'Endsumme'."""
    doc = _text_pdf([
        [("Positionen netto", 0.4), ("804,35 €", 0.85)],
        [("Versandkosten netto", 0.4), ("4,99 €", 0.85)],
        [("Positionen USt. 19,00% auf 804,35 €", 0.4), ("152,83 €", 0.85)],
        [("Versandkosten USt. 19,00% auf 4,99 €", 0.4), ("0,95 €", 0.85)],
        [("Endsumme", 0.4), ("963,12 €", 0.85)],
    ])
    assert _values(find_totals(doc)) == (Decimal("809.34"), Decimal("153.78"), Decimal("963.12"))


def test_cash_rounding_line_lets_the_gross_differ_by_cents_and_a_summary_below_is_not_the_total():
    """A receipt: 313.50 + 18.81 GST rounded to 332.30; the GST summary printed under it repeats the net."""
    doc = _text_pdf([
        [("(Excluded GST) Sub Total (RM) :", 0.05), ("313.50", 0.8)],
        [("Total GST (RM) :", 0.05), ("18.81", 0.8)],
        [("Rounding (RM) :", 0.05), ("-0.01", 0.8)],
        [("Total (RM) :", 0.05), ("332.30", 0.8)],
        [("Change (RM) :", 0.05), ("0.00", 0.8)],
        [("GST SUMMARY", 0.05)],
        [("Total:", 0.05), ("313.50", 0.5), ("18.81", 0.8)],
    ])
    assert _values(find_totals(doc))[2] == Decimal("332.30")


def test_receipt_total_is_cash_tendered_minus_change_when_its_label_is_garbled():
    doc = _text_pdf([
        [("1 FISH BALL", 0.05), ("1.20 SR", 0.8)],
        [("TL:RM", 0.05), ("28.60", 0.8)],
        [("CASH", 0.05), ("100.00", 0.8)],
        [("CASH CHANGE", 0.05), ("71.40", 0.8)],
    ])
    assert _values(find_totals(doc))[2] == Decimal("28.60")


def test_ringgit_written_against_the_amount():
    doc = _text_pdf([[("TOTAL", 0.05), ("RM15.00", 0.8)]])
    assert _values(find_totals(doc))[2] == Decimal("15.00")
