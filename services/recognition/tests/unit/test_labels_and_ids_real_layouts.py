"""General rules added while reading corpus-dev's misses (issue 14 items 2-3; FEATURES REC-1, REC-3), each on a
small made-up page: the ordinal 'nº', a title that labels the code after it, the issuer's legal-mentions line,
'VAT-ID' and 'N° intracom' labels, labelled IBANs grouped irregularly, French totals written out, sole-trader
legal forms and the document's own web domain for the seller's name."""
from decimal import Decimal

from recognition.domain.fields import find_invoice_number
from recognition.domain.labelled_ids import labelled_ibans_in, labelled_vats_in
from recognition.domain.parties import find_parties
from recognition.domain.totals import find_totals
from recognition_testkit import text_page


_page = text_page  # a made-up text-layer page (recognition_testkit)


def test_ordinal_indicator_n_is_read_as_the_number_label():
    doc = _page([("Hôtel du Port", 0.05), ("20/09/2023", 0.8), ("nº 2023-6013", 0.8), ("Total TTC  120,00 €", 0.5)])
    assert find_invoice_number(doc).value == "2023-6013"


def test_a_title_opening_a_line_labels_the_code_right_after_it():
    doc = _page([("Invoice FI15636047324", 0.05), ("Original", 0.05), ("Total  100.00", 0.5)])
    assert find_invoice_number(doc).value == "FI15636047324"
    assert find_invoice_number(_page([("Rechnung RE1001", 0.05)])).value == "RE1001"


def test_a_title_does_not_label_an_amount_or_a_far_code():
    assert find_invoice_number(_page([("Invoice total  100,00", 0.05)])) is None
    doc = _page([("Invoice", 0.05), ("Kunden-Nr.: 10000", 0.05), ("Rechnung Nr. 2024-17", 0.05)])
    assert find_invoice_number(doc).value == "2024-17"


def test_vat_id_and_intracom_labels_keep_an_unchecked_vat_number():
    assert [v for v, _, _ in labelled_vats_in("VAT-ID: DE202526944")] == ["DE202526944"]
    assert [v for v, _, _ in labelled_vats_in("N° intracom :FR20123589444")] == ["FR20123589444"]


def test_the_legal_mentions_line_holds_the_sellers_vat_before_a_checked_vat_higher_up():
    doc = _page([
        ("Hôtel du Port", 0.05),
        ("Securibox SARL", 0.1), ("TVA FR38500003710", 0.1),
        ("Total TTC  120,00 €", 0.5),
        ("SASU au capital de 200000€ - SIRET 12345682400016 - R.C.S Paris 123 456 789 - TVA FR40123456824", 0.1),
    ])
    seller, _ = find_parties(doc)
    assert seller.vat_number.value == "FR40123456824"


def test_a_labelled_iban_in_groups_of_any_width_stops_before_the_next_word():
    assert labelled_ibans_in("IBAN DE3708 0040 0123 4567 89, SWIFT/BIC: DRESDEFF370")[0][0] == "DE370800400123456789"
    assert labelled_ibans_in("IBAN: GB29 NWBK 6016 1331 9268 10 BIC NWBKGB2L")[0][0] == "GB29NWBK60161331926810"


def test_french_totals_written_out_net_vat_and_gross():
    doc = _page([("Montant total net  135,00 €", 0.17), ("Taxe sur la valeur ajoutée (19,00 %)  25,65 €", 0.17),
                 ("Montant total brut  160,65 €", 0.17)], start=0.5)
    net, vat, gross, consistent = find_totals(doc)
    assert (net.value, vat.value, gross.value, consistent) == (Decimal("135.00"), Decimal("25.65"),
                                                              Decimal("160.65"), True)


def test_a_sole_trader_status_counts_as_a_legal_form_for_the_seller_name():
    doc = _page([("VILLE DE TOULON", 0.6), ("Auto entrepreneur Abderraouf", 0.05), ("France", 0.05),
                 ("Facture F-2024-14", 0.05), ("Total  100,00 €", 0.5)])
    seller, _ = find_parties(doc)
    assert seller.name.value == "Auto entrepreneur Abderraouf"


def test_the_documents_web_domain_spelling_a_phrase_makes_it_the_seller():
    doc = _page([("Kundencenter Nord", 0.05), ("Hotel Pacano", 0.05), ("Facture 2023-6013", 0.05),
                 ("Total TTC  120,00 €", 0.5), ("www.hotel-pacano.fr", 0.5)])
    seller, _ = find_parties(doc)
    assert seller.name.value == "Hotel Pacano"


def test_a_legal_mentions_phrase_is_never_the_sellers_name():
    doc = _page([("Hôtel du Port", 0.5), ("Facture 2023-6013", 0.05), ("Total TTC  120,00 €", 0.5),
                 ("SASU au capital de 200000€ - SIRET 12345682400016 - TVA FR40123456824", 0.05)])
    seller, _ = find_parties(doc)
    assert seller.name.value == "Hôtel du Port"
