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


def test_one_vat_row_unreadable_gives_vat_total_minus_net():
    """Net and total read, two VAT rows between them of which one OCR made unreadable ('e73,317.29', no %):
    the others leave a positive remainder for it, so VAT = total - net, below 0.9."""
    net, vat, total, consistent = find_totals(_ocr([
        [("Net", 0.1), ("total", 0.16), ("€", 0.7), ("26,720.94", 0.72)],
        [("Total", 0.1), ("VAT", 0.16), ("8", 0.22), ("3", 0.25), ("€576.60", 0.72)],
        [("Total", 0.1), ("VAT", 0.16), ("17", 0.22), ("2", 0.25), ("e73,317.29", 0.72)],
        [("Total", 0.1), ("€", 0.7), ("30,614.83", 0.72)],
    ]))
    assert (net.value, vat.value, total.value) == (Decimal("26720.94"), Decimal("3893.89"), Decimal("30614.83"))
    assert consistent and vat.confidence <= 0.75 and vat.evidence.method == "derived"


def test_a_misread_vat_row_is_not_repaired():
    """Every row read but the sum is off: a row, the net or the total may be the misread one (30,00 off is one
    digit in any of them), so nothing is recomputed and every amount stays below 0.75."""
    net, vat, total, consistent = find_totals(_ocr([
        [("Total", 0.1), ("HTVA", 0.16), ("57.232,13", 0.72)],
        [("Montant", 0.1), ("TVA", 0.2), ("8", 0.25), ("%", 0.27), ("2.788,91", 0.72)],
        [("Montant", 0.1), ("TVA", 0.2), ("17", 0.25), ("%", 0.28), ("3.866,78", 0.72)],
        [("Total", 0.1), ("TTC", 0.16), ("63.857,82", 0.72)],
    ]))
    assert consistent is not True and max(net.confidence, vat.confidence, total.confidence) < 0.75


def test_a_garbled_net_label_is_read_from_the_column_that_adds_up():
    """'Total excl. VAT' read 'Totalmeze ils VAT' and 'VAT 21%' read 'VAD': the column of amounts above the labelled
    total still adds up to the cent, first the net, then the VAT rows."""
    net, vat, total, consistent = find_totals(_ocr([
        [("Totalmeze", 0.1), ("ils", 0.22), ("VAT", 0.27), ("EUR", 0.62), ("34,287.17", 0.68)],
        [("VAT", 0.1), ("0%", 0.15), ("EUR", 0.62), ("0.00", 0.7425)],
        [("VAT", 0.1), ("6%", 0.15), ("EUR", 0.62), ("338.56", 0.7185)],
        [("VAD", 0.1), ("EUR", 0.62), ("5,746.60", 0.692)],
        [("Total", 0.1), ("due", 0.17), ("EUR", 0.62), ("40,372.33", 0.68)],
    ]))
    assert (net.value, vat.value, total.value) == (Decimal("34287.17"), Decimal("6085.16"), Decimal("40372.33"))
    assert consistent and max(net.confidence, vat.confidence, total.confidence) <= 0.9


def test_a_column_that_does_not_add_up_is_not_taken():
    """One cent off (the 0% row dropped, 5,746.60 read 5,746.61): a sum that is not exact proves nothing."""
    net, vat, total, consistent = find_totals(_ocr([
        [("Totalmeze", 0.1), ("ils", 0.22), ("VAT", 0.27), ("EUR", 0.62), ("34,287.17", 0.68)],
        [("VAT", 0.1), ("6%", 0.15), ("EUR", 0.62), ("338.56", 0.7185)],
        [("VAD", 0.1), ("EUR", 0.62), ("5,746.61", 0.692)],
        [("Total", 0.1), ("due", 0.17), ("EUR", 0.62), ("40,372.33", 0.68)],
    ]))
    assert not (net and net.value == Decimal("34287.17") and consistent)


def test_total_excl_without_vat_is_a_net_label():
    """'Total excl.' (the VAT word cut off) labels the net: with two VAT rows the triple then adds up."""
    net, vat, total, consistent = find_totals(_ocr([
        [("Total", 0.1), ("excl.", 0.16), ("8,890.67", 0.6), ("EUR", 0.72)],
        [("VAT", 0.1), ("amount", 0.15), ("0.00", 0.6), ("EUR", 0.72)],
        [("VAT", 0.1), ("amount", 0.15), ("1,208.12", 0.6), ("EUR", 0.72)],
        [("Total", 0.1), ("due", 0.16), ("10,098.79", 0.6), ("EUR", 0.72)],
    ]))
    assert (net.value, vat.value, total.value) == (Decimal("8890.67"), Decimal("1208.12"), Decimal("10098.79"))


def _rows_and_total(printed_total: str, net: str = "51,056.04") -> tuple:
    return find_totals(_ocr([
        [("Net", 0.1), ("total", 0.16), ("EUR", 0.6), (net, 0.68)],
        [("VAT", 0.1), ("5.5%", 0.16), ("EUR", 0.6), ("895.98", 0.7)],
        [("VAT", 0.1), ("10%", 0.16), ("EUR", 0.6), ("2,671.14", 0.68)],
        [("VAT", 0.1), ("20%", 0.16), ("EUR", 0.6), ("1,610.83", 0.68)],
        [("Total", 0.1), ("due", 0.17), ("EUR", 0.6), (printed_total, 0.68)],
    ]))


def test_a_total_misread_by_one_character_is_net_plus_vat_rows():
    """'56,233.9' (a digit lost) or '56,233.399' (one added) for 56,233.99 = net + the three VAT rows."""
    for printed in ("56,233.9", "56,233.399", "56,283.99"):
        net, vat, total, consistent = _rows_and_total(printed)
        assert (vat.value, total.value) == (Decimal("5177.95"), Decimal("56233.99")), printed
        assert consistent and total.confidence <= 0.75 and total.evidence.method == "derived"


def test_a_total_further_off_or_missing_its_leading_digit_is_not_recomputed():
    """Two characters off proves nothing; a lost leading digit is how a whole column is misread (the net too)."""
    for printed in ("56,288.9", "6,233.99"):
        net, vat, total, consistent = _rows_and_total(printed)
        assert consistent is not True and (total is None or total.value != Decimal("56233.99")), printed


def test_a_net_as_likely_misread_as_the_total_is_not_recomputed():
    """Printed total 56,234.99: one digit off net + VAT (56,233.99), but the net it implies (51,057.04) is also one
    digit off the net read (51,056.04): either may be the misread one, so the total is not recomputed (the
    printed one is kept, below 0.9)."""
    net, vat, total, consistent = _rows_and_total("56,234.99")
    assert total.value == Decimal("56234.99") and total.confidence <= 0.75


def _garbled_total(after: list[tuple[str, float]]) -> tuple:
    return find_totals(_ocr([
        [("Subtotaal", 0.5), ("EUR", 0.65), ("33253,68", 0.7)],
        [("Btw-bedrag", 0.5), ("6%", 0.6), ("EUR", 0.65), ("47,64", 0.7)],
        [("Btw-bedrag", 0.5), ("12", 0.6), ("%", 0.62), ("EUR", 0.65), ("1877,86", 0.7)],
        [("Btw-bedrag", 0.5), ("21", 0.6), ("%", 0.62), ("EUR", 0.65), ("3530,28", 0.7)],
        after,
    ]))


def test_vat_rows_below_the_net_with_the_total_line_unreadable_give_an_unconfirmed_total():
    """'Totaal te betalen' read 'otaa. e betalen r', its amount lost: VAT = the three rate rows, total = net +
    VAT, at 0.6 (nothing printed confirms them)."""
    net, vat, total, consistent = _garbled_total([("otaa.", 0.5), ("e", 0.56), ("betalen", 0.58), ("r", 0.7)])
    assert (vat.value, total.value) == (Decimal("5455.78"), Decimal("38709.46"))
    assert max(vat.confidence, total.confidence) <= 0.6


def test_an_unlabelled_amount_after_the_rows_stops_the_sum():
    """'USE 218 EUR 43.348,43': a row (or the total) whose label was misread; the rows above are not all of them."""
    net, vat, total, consistent = _garbled_total([("USE", 0.5), ("218", 0.6), ("EUR", 0.65), ("43.348,43", 0.7)])
    assert vat is None or vat.value != Decimal("5455.78")
    assert total is None or total.value != Decimal("38709.46")
