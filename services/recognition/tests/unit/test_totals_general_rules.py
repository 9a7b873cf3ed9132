"""General totals rules (REC-2, issue 14 item 2): net/gross vocabulary ('Net Total Amount', 'Total Ex. Tax'), a
document that says no VAT is charged (the gross is the net), a tax printed only as a rate ('Sales Tax 3%'),
whole amounts written with a currency sign ('$10,375'), and a net never of the other sign than the gross."""
from decimal import Decimal

from recognition.domain.parsing import amounts_in
from recognition.domain.totals import find_totals
from recognition_testkit import text_page


def _values(found) -> tuple:
    net, vat, total, _ = found
    return tuple(f.value if f else None for f in (net, vat, total))


def test_net_and_gross_total_amount_labels_and_a_small_business_statement():
    """'Net Total Amount' is the net although it contains 'Total Amount'; § 19 UStG: no VAT, so VAT 0."""
    doc = text_page([
        ("Line Total Amount  €1,000.00", 0.1),
        ("Allowance (Tax: 0.00%): Discount  - €10.00", 0.1),
        ("Net Total Amount  €990.00", 0.1),
        ("Gross Total Amount  €990.00", 0.1),
        ("Kein Ausweis von Umsatzsteuer, da Kleinunternehmer gemäß § 19 UStG", 0.1),
    ])
    assert _values(find_totals(doc)) == (Decimal("990.00"), Decimal("0"), Decimal("990.00"))


def test_only_a_gross_and_no_vat_charged_makes_the_gross_the_net_too():
    rows = [
        ("Pos.  Menge  Bezeichnung  GP", 0.1),
        ("1  1,00  Toller Artikel  10,00", 0.1),
        ("Summe Waren netto  1,00 %  - 0,10", 0.1),
        ("Rechnungssumme  9,90", 0.1),
    ]
    statement = ("Im Rechnungsbetrag ist gemäß § 19 UStG keine Umsatzsteuer enthalten.", 0.1)
    net, vat, gross = _values(find_totals(text_page(rows + [statement])))
    assert (net, vat, gross) == (Decimal("9.90"), Decimal("0"), Decimal("9.90"))
    net, vat, gross = _values(find_totals(text_page(rows)))  # without the statement nothing says VAT is 0
    assert gross == Decimal("9.90") and (net, vat) != (Decimal("9.90"), Decimal("0"))


def test_reverse_charge_with_vat_at_zero_on_the_base():
    doc = text_page([
        ("Rechnung an:  SimFin GmbH  Gesamtbetrag: 80,65 EUR", 0.1),
        ("VAT @ 0% on 80.65", 0.1),
        ("Der Empfänger wird die Umsatzsteuer auf Basis des Reverse-Charge-Verfahrens berechnen.", 0.1),
    ])
    assert _values(find_totals(doc)) == (Decimal("80.65"), Decimal("0"), Decimal("80.65"))


def test_a_tax_printed_only_as_a_rate_and_whole_dollar_amounts():
    doc = text_page([
        ("Training Date  Description  Price  Line Total", 0.1),
        ("12/5/2020  Manager Training  $3,500  $3,500", 0.1),
        ("Subtotal  $10,375", 0.6),
        ("Sales Tax  3%", 0.6),
        ("Total  $10,686.25", 0.6),
    ])
    assert _values(find_totals(doc)) == (Decimal("10375.00"), Decimal("311.25"), Decimal("10686.25"))


def test_total_ex_tax_is_the_net_with_a_rate_no_table_knows():
    doc = text_page([
        ("Total Ex. Tax  USD 40.25", 0.7),
        ("19.01% VAT  USD 7.65", 0.7),
        ("Total Amount Paid  USD 47.90", 0.7),
        ("The VAT exclusive total on this invoice is EUR 37.89. The amount of VAT is EUR 7.20 at 19.01%.", 0.05),
    ])
    assert _values(find_totals(doc)) == (Decimal("40.25"), Decimal("7.65"), Decimal("47.90"))


def test_a_negative_net_is_never_paired_with_a_positive_gross():
    doc = text_page([
        ("Zwischensumme netto  - 0,10", 0.1),
        ("Artikel  10,00", 0.1),
        ("Gesamtbetrag  9,90", 0.1),
    ])
    found = find_totals(doc)
    assert found[2].value == Decimal("9.90")
    assert found[3] is not True  # -0.10 + 10.00 = 9.90 is no consistent triple: a discount, not the net


def test_whole_amounts_only_with_a_currency_sign():
    assert [a[0] for a in amounts_in("Subtotal  $10,375  EUR 1.234  € 500")] == [
        Decimal("10375.00"), Decimal("1234.00"), Decimal("500.00")]
    assert amounts_in("Total 1.375  12 %  €2023-01  item 3,500") == []
