"""Till slips as shops in Belgium, France, Germany, the Netherlands, Britain and the US print them (issue 14, REC-1):
their payment words (Gegeben/Zurück, Contant/Terug, Espèces/À rendre, EC-Karte, PIN, CB) make a slip a receipt and
confirm its total; a street or postcode line is no shop name whatever the country writes ('123 High Street',
'London SW1A 1AA', '123 Main St'); a branch number after the name ('WALGREENS #1234') is not part of it; an
American address makes a slip's dates month first. Synthetic slips, one rule each."""
from datetime import date
from decimal import Decimal

import pytest

from recognition.domain.reader import read_invoice
from recognition.domain.receipt_reader import is_receipt
from recognition.domain.receipt_seller import receipt_seller
from recognition.domain.receipt_total import receipt_total
from recognition_testkit import till_slip


@pytest.mark.parametrize("rows", [
    ["Bäckerei Müller", "Brötchen  0,45", "Gesamt  EUR 2,65", "Gegeben  5,00", "Zurück  2,35"],
    ["dm-drogerie markt", "Zu zahlen  EUR 12,80", "EC-Karte  12,80"],
    ["Bakkerij De Vries", "Te betalen  3,10", "Contant  5,00", "Terug  1,90"],
    ["HEMA", "Totaal EUR  15,95", "PIN  15,95"],
    ["BOULANGERIE DUPONT", "NET A PAYER  3,50", "Espèces  5,00", "À rendre  1,50"],
])
def test_payment_words_of_four_languages_make_an_ocr_page_a_receipt(rows):
    assert is_receipt(till_slip(rows))
    assert not is_receipt(till_slip(rows, method="pdf_text"))


@pytest.mark.parametrize("rows, paid", [
    (["Summe  4,77", "Summe  4,77", "Gegeben  10,00", "Zurück  5,23"], Decimal("4.77")),
    (["Totaal  8,73", "Totaal  8,37", "Contant  10,00", "Terug  1,27"], Decimal("8.73")),
    (["TOTAL TTC  12,45", "TOTAL TTC  12,54", "Carte bancaire  12,45"], Decimal("12.45")),
    (["Summe  9,90", "Summe  9,09", "EC-Karte  9,90"], Decimal("9.90")),
])
def test_the_payment_lines_in_four_languages_confirm_which_total_was_paid(rows, paid):
    """Two totals read (one of them misread): the one the payment confirms wins, and is read as confirmed."""
    found = receipt_total(till_slip(rows))
    assert found is not None and found.value == paid and found.confidence > 0.8


@pytest.mark.parametrize("rows, name", [
    (["TESCO", "Express", "123 High Street", "London SW1A 1AA", "VAT No: GB 220 4302 31", "MILK  1.15"], "TESCO"),
    (["WALGREENS #1234", "123 Main St", "Seattle, WA 98101", "TOTAL  12.10"], "WALGREENS"),
    (["Bakkerij De Vries", "12 Dorpsstraat", "9000 Gent", "BTW BE 0402.206.045", "Brood  3,10"], "Bakkerij De Vries"),
    (["Café Schmidt", "Marktplatz 3", "80331 München", "St.-Nr. 143/123/45678", "Summe  8,30"], "Café Schmidt"),
])
def test_street_and_postcode_lines_are_no_shop_name(rows, name):
    found = receipt_seller(till_slip(rows))
    assert found is not None and found.value == name


def test_a_street_abbreviation_without_a_number_does_not_make_an_address():
    found = receipt_seller(till_slip(["St Anna Apotheke", "Kirchplatz 1", "Summe  8,30"]))
    assert found is not None and found.value == "St Anna Apotheke"


def test_an_american_address_makes_a_slips_dates_month_first():
    us = read_invoice(till_slip(["WALGREENS", "123 Main St", "Seattle, WA 98101", "TOTAL  12.10", "VISA  12.10",
                                 "12/07/2026 3:45 PM", "THANK YOU"]))
    assert us.issue_date.value == date(2026, 12, 7)
    be = read_invoice(till_slip(["Bakkerij De Vries", "Dorpsstraat 7", "9000 Gent", "Totaal  3,10", "Contant  3,10",
                                 "12/07/2026 10:30", "Bedankt"]))
    assert be.issue_date.value == date(2026, 7, 12)


@pytest.mark.parametrize("rows, gross", [
    (["Bäckerei Müller", "Brot  2,49", "MwSt  Netto  Steuer  Brutto", "B 7%  4,46  0,31  4,77",
      "Gesamt  4,46  0,31  4,77", "Vielen Dank"], Decimal("4.77")),
    (["BOULANGERIE", "TVA  HT  TVA  TTC", "5,5%  5,35  0,29  5,64", "TOTAL  5,35  0,29  5,64", "Merci"], Decimal("5.64")),
    (["Bakkerij", "BTW  Basis  BTW", "6%  8,24  0,49", "Totaal  8,24  0,49", "Bedankt"], Decimal("8.73")),
    (["SHOP", "GST Summary  Amount  Tax", "SR  105.57  6.33", "TOTAL  105.57  6.33", "Thank you"], Decimal("111.90")),
])
def test_without_a_total_or_a_payment_read_the_vat_summarys_total_row_gives_the_gross(rows, gross):
    found = receipt_total(till_slip(rows))
    assert found is not None and found.value == gross and found.confidence < 0.6


def test_a_summary_row_whose_second_amount_is_no_tax_share_gives_no_total():
    assert receipt_total(till_slip(["SHOP", "TOTAL  5,35  9,29", "Merci"])) is None  # 9.29 is 174% of 5.35


def test_the_vat_summarys_gross_confirms_the_labelled_total_it_equals():
    """Two totals read, one misread: the one the summary's gross equals wins, as confirmed."""
    found = receipt_total(till_slip(["Summe  4,77", "Summe  4,71", "MwSt  Netto  Steuer  Brutto",
                                     "Gesamt  4,46  0,31  4,77"]))
    assert found is not None and found.value == Decimal("4.77") and found.confidence > 0.8
