"""Dutch and Belgian invoice pages (issue 14 item 2): corpus-dev has no Dutch page and no Belgian PDF, so these
synthetic pages check the Dutch labels, Belgian enterprise numbers printed without 'BE', structured
communications and the numbers of other registers that Belgian and Dutch invoices print beside their own."""
from datetime import date
from decimal import Decimal

import pytest

from recognition.domain.parsing import dates_in
from recognition.domain.reader import read_invoice
from recognition_testkit import text_page

_TOTALS = [("Totaal excl. btw  1.250,00", 0.55), ("Btw 21%  262,50", 0.55), ("Totaal incl. btw  1.512,50", 0.55)]


def _read(rows):
    return read_invoice(text_page(rows))


def test_a_dutch_belgian_invoice_is_read_field_by_field():
    invoice = _read([("Bakkerij Janssens BV", 0.05), ("Kerkstraat 12", 0.05), ("2000 Antwerpen", 0.05),
                     ("Btw-nummer: BE 0403.170.701", 0.05), ("FACTUUR", 0.6), ("Factuurnummer:  2024/0153", 0.6),
                     ("Factuurdatum:  15/03/2024", 0.6), ("Vervaldatum:  14/04/2024", 0.6),
                     ("Klant:  Garage Peeters NV", 0.6), *_TOTALS,
                     ("Gelieve te betalen op rekening BE71 0961 2345 6769 met mededeling +++090/9337/55493+++", 0.05)])
    assert invoice.invoice_number.value == "2024/0153"
    assert (invoice.issue_date.value, invoice.due_date.value) == (date(2024, 3, 15), date(2024, 4, 14))
    assert (invoice.total_excl_vat.value, invoice.total_vat.value, invoice.total_incl_vat.value) == (
        Decimal("1250.00"), Decimal("262.50"), Decimal("1512.50"))
    assert invoice.seller.name.value == "Bakkerij Janssens BV"
    assert invoice.seller.vat_number.value == "BE0403170701"
    assert invoice.seller.iban.value == "BE71096123456769"
    assert invoice.payment_reference.value == "+++090/9337/55493+++"
    assert invoice.buyer.name.value == "Garage Peeters NV"


@pytest.mark.parametrize("label", ["Ondernemingsnummer: ", "KBO-nr. ", "N° d'entreprise : ", "BTW ",
                                   "RPR Leuven ", "Unternehmensnummer: "])
def test_a_belgian_enterprise_number_printed_without_be_gives_the_seller_its_numbers(label):
    """Belgium prints one register's number as the enterprise number and (with 'BE') the VAT number; without the
    prefix it is checked by mod 97, and the VAT number made from it is kept below 0.9 (an exempt enterprise has
    none)."""
    invoice = _read([("Garage Peeters NV", 0.05), (f"{label}0403.170.701", 0.05), ("Factuur nr. 1187", 0.6),
                     *_TOTALS])
    assert invoice.seller.enterprise_number.value == "0403170701"
    assert invoice.seller.vat_number.value == "BE0403170701"
    assert invoice.seller.vat_number.confidence < 0.9
    assert invoice.seller.name.value == "Garage Peeters NV"


def test_a_number_failing_mod_97_or_behind_no_label_is_no_enterprise_number():
    invoice = _read([("Garage Peeters NV", 0.05), ("Ondernemingsnummer: 0403.170.702", 0.05),
                     ("Tel. 0403.170.701", 0.05), ("Factuur nr. 1187", 0.6), *_TOTALS])
    assert invoice.seller.enterprise_number is None and invoice.seller.vat_number is None


def test_numbers_of_other_registers_and_documents_label_no_invoice_number_and_no_seller_name():
    """'Klantnummer', 'Bestelbon nr.', 'Offerte nr.' stand above the title's own number; a numbered thing is not
    a name."""
    invoice = _read([("Klantnummer: 48213", 0.6), ("Bestelbon nr. 7781", 0.6), ("Offerte nr. 5512", 0.6),
                     ("Elektro Vermeulen bvba", 0.05), ("Industrieweg 22 bus 3", 0.05), ("8800 Roeselare", 0.05),
                     ("BTW-nr.: BE 0403 170 701", 0.05), ("FACTUUR 2024/0311", 0.3), *_TOTALS])
    assert invoice.invoice_number.value == "2024/0311"
    assert invoice.seller.name.value == "Elektro Vermeulen bvba"


def test_a_customer_number_after_a_customer_label_is_not_the_buyers_name():
    invoice = _read([("N° client : 5521", 0.6), ("Boulangerie Lambert sprl", 0.05), ("Facture n° 2024/551", 0.6),
                     ("Total HTVA  100,00 €", 0.55), ("TVA 6 %  6,00 €", 0.55), ("Total TVAC  106,00 €", 0.55)])
    assert invoice.buyer.name is None
    assert invoice.invoice_number.value == "2024/551"


@pytest.mark.parametrize("text, day", [("1er févr. 2024", date(2024, 2, 1)), ("3 janv. 2024", date(2024, 1, 3)),
                                       ("15 mrt 2024", date(2024, 3, 15)), ("2 okt. 2024", date(2024, 10, 2))])
def test_abbreviated_french_and_dutch_months(text, day):
    assert [d for d, _, _ in dates_in(text)] == [day]


@pytest.mark.parametrize("number_label, date_label, due_label, net_label, vat_label, gross_label", [
    ("Factuur nummer:", "Factuur datum:", "Uiterlijk te betalen op", "Totaal exclusief btw", "Btw totaal",
     "Totaal te voldoen"),
    ("Re-Nr.", "Re-Datum", "Fällig bis", "Nettowert", "MwSt.", "Rechnungsendbetrag"),
    ("Facture numéro", "Émis le", "Payable avant", "Total hors taxe", "Montant T.V.A.", "Total à régler"),
    ("Inv. No", "Date issued", "Due by", "Subtotal", "VAT", "Total to pay"),
])
def test_label_vocabulary_of_the_four_languages(number_label, date_label, due_label, net_label, vat_label,
                                                gross_label):
    """Labels that real issuers print besides the textbook ones, each language's own."""
    invoice = _read([("Schrijnwerkerij Maes BV", 0.05), (f"{number_label}  R-2024-077", 0.6),
                     (f"{date_label}  04.03.2024", 0.6), (f"{due_label}  03.04.2024", 0.6),
                     (f"{net_label}  2.000,00", 0.55), (f"{vat_label}  420,00", 0.55),
                     (f"{gross_label}  2.420,00", 0.55)])
    assert invoice.invoice_number.value == "R-2024-077"
    assert (invoice.issue_date.value, invoice.due_date.value) == (date(2024, 3, 4), date(2024, 4, 3))
    assert (invoice.total_excl_vat.value, invoice.total_vat.value, invoice.total_incl_vat.value) == (
        Decimal("2000.00"), Decimal("420.00"), Decimal("2420.00"))
    assert invoice.total_incl_vat.confidence > 0.9


@pytest.mark.parametrize("name", ["Bouw Peeters CommV", "Janssens V.O.F.", "Dupont S.A.R.L.", "Huber KGaA"])
def test_legal_forms_written_with_dots_or_new_belgian_forms_make_the_seller(name):
    invoice = _read([("Facture n° 2024/551", 0.6), (name, 0.05), ("Total HTVA  100,00", 0.55),
                     ("TVA 6 %  6,00", 0.55), ("Total TVAC  106,00", 0.55)])
    assert invoice.seller.name.value == name


@pytest.mark.parametrize("printed, number", [("IE36689970H", "IE3668997OH"), ("NL000099998857", "NL000099998B57")])
def test_a_digit_ocr_read_where_the_format_has_a_letter_is_that_letter_when_the_check_holds(printed, number):
    from recognition.domain.identifiers import vat_numbers_in
    assert [v for v, _, _ in vat_numbers_in(f"VAT number: {printed}")] == [number]
    assert vat_numbers_in("VAT number: IE36689971H") == []  # no letter reading passes the check


@pytest.mark.parametrize("terms, due", [
    ("Te betalen binnen 30 dagen na factuurdatum.", date(2024, 4, 3)),
    ("Zahlungsbedingung: Innerhalb von 8 Tagen 2% Skonto, 30 Tage ohne Abzug", date(2024, 4, 3)),
    ("Payable à 30 jours fin de mois.", date(2024, 4, 30)),
    ("Payment terms: Net 14", date(2024, 3, 18)),
    ("Rechnungsbetrag zahlbar ohne Abzug sofort nach Erhalt der Rechnung.", date(2024, 3, 4)),
    ("Betaalbaar bij ontvangst.", date(2024, 3, 4)),
])
def test_a_due_date_stated_only_as_payment_terms_is_the_issue_date_plus_the_term(terms, due):
    invoice = _read([("Schrijnwerkerij Maes BV", 0.05), ("Factuurnummer  R-2024-077", 0.6),
                     ("Factuurdatum  04.03.2024", 0.6), *_TOTALS, (terms, 0.05),
                     ("Bij laattijdige betaling binnen 90 dagen een intrest van 10%.", 0.05)])
    assert invoice.due_date.value == due
    assert invoice.due_date.confidence < 0.9


def test_a_printed_due_date_wins_over_the_terms_and_no_terms_give_no_due_date():
    rows = [("Factuurdatum  04.03.2024", 0.6), *_TOTALS]
    assert _read(rows + [("Vervaldatum  10.03.2024", 0.6), ("Te betalen binnen 30 dagen.", 0.05)]).due_date.value \
        == date(2024, 3, 10)
    assert _read(rows + [("Levering binnen 5 dagen.", 0.05)]).due_date is None
