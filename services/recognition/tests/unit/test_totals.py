"""OCR totals that do not add up: which misread amount may be recomputed, and how sure that is (REC-3)."""
from decimal import Decimal

from recognition.domain.layout import TextDocument, Word, group_lines
from recognition.domain.totals import find_totals


def _ocr(rows: list[list[tuple[str, float]]]) -> TextDocument:
    words = []
    for i, row in enumerate(rows):
        y = 0.5 + i * 0.02
        for text, x in row:
            words.append(Word(text, x, y, x + 0.012 * len(text), y + 0.012, 0.9))
    return TextDocument("ocr", group_lines(1, words), 1)


def _totals(vat_row: str, vat_total: str, rates=("6%", "21%")) -> tuple:
    return find_totals(_ocr([
        [("Taux", 0.1), (rates[0], 0.3), ("Base", 0.4), ("1000,00", 0.5), ("TVA", 0.65), ("60,00", 0.75)],
        [("Taux", 0.1), (rates[1], 0.3), ("Base", 0.4), ("2000,00", 0.5), ("TVA", 0.65), (vat_row, 0.75)],
        [("Total", 0.5), ("HTVA", 0.58), ("3000,00", 0.8)],
        [("Total", 0.5), ("TVA", 0.58), (vat_total, 0.8)],
        [("Total", 0.5), ("TVAC", 0.58), ("3480,00", 0.8)],
    ]))


def test_mixed_rates_vat_misread_is_recomputed_below_0_9():
    """Two rates, the VAT total and one VAT row misread: VAT = total - net (overall 16% lies between 6 and 21%)."""
    net, vat, total, consistent = _totals("428,00", "48O,0B")
    assert (net.value, vat.value, total.value) == (Decimal("3000.00"), Decimal("480.00"), Decimal("3480.00"))
    assert consistent and vat.confidence <= 0.75 and vat.evidence.method == "derived"


def test_one_rate_printed_is_not_repaired_as_mixed():
    """With a single rate printed, total - net (16%) matches no rate: a net or total misread is as likely, so
    the triple stays inconsistent and every amount keeps a low confidence."""
    net, vat, total, consistent = _totals("428,00", "48O,0B", rates=("21%", "21%"))
    assert consistent is False
    assert max(net.confidence, vat.confidence, total.confidence) < 0.75
