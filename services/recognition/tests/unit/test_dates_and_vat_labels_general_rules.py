"""General rules for dates and the seller's VAT number on real layouts (issue 14 items 2-3; FEATURES REC-1,
REC-3), each on a small made-up page: a date written as one year-first number after its label, a date label
inside a sentence, a print time stamp, the letter's own date after its place, a VAT-shaped value behind another
identifier's label, and a VAT number without country prefix on the issuer's legal-mentions line."""
from datetime import date

from recognition.domain.fields import find_dates
from recognition.domain.identifiers import vat_numbers_in
from recognition.domain.labelled_ids import after_other_id_label, unprefixed_vats_in
from recognition.domain.layout import TextDocument, Word, group_lines
from recognition.domain.parties import find_parties
from recognition_testkit import text_page


_page = text_page  # a made-up text-layer page (recognition_testkit)


def test_a_date_written_as_one_year_first_number_after_its_label():
    doc = _page([("FACTURE", 0.05), ("N° FA-2026-0001", 0.05), ("Date : 20260815 · Échéance : 20260914", 0.05),
                 ("Total TTC  3042.00 €", 0.5)])
    issue, due = find_dates(doc)
    assert (issue.value, due.value) == (date(2026, 8, 15), date(2026, 9, 14))


def test_a_long_number_holding_eight_date_like_digits_is_no_date():
    doc = _page([("FACTURE", 0.05), ("Date : 2026081512", 0.05), ("Total TTC  3042.00 €", 0.5)])
    issue, _ = find_dates(doc)
    assert issue is None


def test_a_date_label_inside_a_sentence_labels_no_date():
    doc = _page([
        ("Facture n° :  20221100001", 0.05),
        ("Total TTC  195,48 €", 0.5),
        ("Passée la date d'échéance ci-dessus, une pénalité de retard sera appliquée,", 0.2),
        ("(Loi 2008-776 du 4 août 2008) ainsi qu'une indemnité forfaitaire de 40 euros", 0.2),
    ])
    _, due = find_dates(doc)
    assert due is None


def test_a_print_time_stamp_is_not_the_issue_date_the_letters_own_date_is():
    doc = _page([
        ("Datum: 30.10.2024  Zeit: 04:59:13  Seite: 1", 0.05),
        ("Muster GmbH  Rechnungsnummer:  2015738820", 0.05),
        ("Musterweg 1  München, den  01.11.2024", 0.05),
        ("Rechnung", 0.4),
        ("Gesamtbetrag  447,88", 0.5),
    ])
    issue, _ = find_dates(doc)
    assert issue.value == date(2024, 11, 1)


def test_the_letters_date_after_its_place_is_the_issue_date_without_any_label():
    doc = _page([("Cabinet Martin", 0.05), ("Bon de commande 4471 - 12/02/2025", 0.05), ("Paris, le 03/03/2025", 0.6),
                 ("Facture 2025-12", 0.05), ("Total TTC  120,00 €", 0.5)])
    issue, _ = find_dates(doc)
    assert issue.value == date(2025, 3, 3)
    assert issue.confidence < 0.9


def test_a_vat_shaped_value_behind_another_identifiers_label_is_that_identifier():
    assert after_other_id_label("Siret : FR20522513233", 8)
    assert after_other_id_label("Steuernummer: DE123456789", 14)
    assert not after_other_id_label("VAT Reg. No. GB123456789", 13)
    assert not after_other_id_label("TVA : FR20522513233", 6)
    doc = _page([("Atelier Martin", 0.05), ("Siret : FR20522513233", 0.05), ("Facture F-2024-14", 0.05),
                 ("Total TTC  120,00 €", 0.5), ("SIREN FR20522513233 - RCS PARIS B 522513233", 0.2)])
    seller, _ = find_parties(doc)
    assert seller.vat_number is None  # check digits right, but labelled a SIRET/SIREN


def test_a_vat_number_without_country_prefix_behind_its_label_on_the_legal_mentions_line():
    assert [v for v, _, _ in unprefixed_vats_in("N°TVA IUGBU98YFG6 - SIREN 522513233")] == ["IUGBU98YFG6"]
    assert unprefixed_vats_in("TVA FR20522513233") == []  # a prefixed one is the checked finders' business
    doc = _page([
        ("Atelier Martin", 0.05),
        ("Siret : FR20522513233", 0.05),
        ("Facture F-2024-14", 0.05),
        ("Total TTC  120,00 €", 0.5),
        ("N°TVA IUGBU98YFG6 - SIREN 522513233 - RCS PARIS B 522513233", 0.2),
    ])
    seller, _ = find_parties(doc)
    assert seller.vat_number.value == "IUGBU98YFG6"
    assert seller.vat_number.confidence < 0.9


def test_payable_on_a_date_written_in_a_sentence_is_the_due_date():
    doc = _page([("Rechnung  Belegdatum  18.02.2025", 0.05), ("Gesamtbetrag  10,00", 0.5),
                 ("Die Rechnung ist zahlbar zum 25.02.2025 ohne Abzug.", 0.05)])
    issue, due = find_dates(doc)
    assert (issue.value, due.value) == (date(2025, 2, 18), date(2025, 2, 25))


def test_the_next_billing_date_is_not_this_invoices_date():
    doc = _page([("INVOICE  Invoice # 3189846", 0.05), ("Calendar LLC", 0.05),
                 ("Billing Period Sep 13, 2022 to Sep 13, 2023", 0.5), ("Next Billing Date Sep 13, 2023", 0.5),
                 ("Total  $144.00", 0.5)])
    issue, _ = find_dates(doc)
    assert issue.value == date(2022, 9, 13)


def test_a_date_label_followed_by_a_few_words_before_its_date_still_labels_it():
    doc = _page([("INVOICE 2025-12", 0.05), ("Date of issue of the invoice 12/03/2025", 0.05), ("Total  120.00", 0.5)])
    issue, _ = find_dates(doc)
    assert issue.value == date(2025, 3, 12) and issue.confidence > 0.6


def test_a_postcode_and_town_after_a_country_code_are_no_ocr_misread_vat_number():
    """'DE 37079 Gottingen': read as digits, 'GOTT' would make 'DE370796077', whose check digit happens to hold."""
    assert vat_numbers_in("DE 37079 Gottingen") == []
    assert [v for v, _, _ in vat_numbers_in("USt-IdNr. DE I366959T6")] == ["DE136695976"]  # misread digits still


def test_a_punctuation_mark_does_not_split_an_ocr_line_and_an_english_street_line_is_no_name():
    """OCR reads 'Seller Company · 123 Seller St' with a tiny ':' for the dot, 'Company' a little lower: the row's
    height is measured on words, not on the mark; '123 Seller St' (number, street, suffix) is an address."""
    words = [Word("Seller", 0.100, 0.1791, 0.126, 0.1851), Word(":", 0.1768, 0.1816, 0.1780, 0.1827),
             Word("Company", 0.1293, 0.1797, 0.1736, 0.1862), Word("123", 0.1825, 0.1791, 0.1986, 0.1848),
             Word("Seller", 0.2018, 0.1793, 0.2272, 0.1853), Word("St", 0.2304, 0.1793, 0.2393, 0.1850)]
    lines = group_lines(1, words)
    assert [[w.text for w in line.words] for line in lines] == [["Seller", "Company", ":", "123", "Seller", "St"]]
    doc = _page([("Seller Company  :  123 Seller St  -  Suite 100  -  12345 Seller City", 0.1),
                 ("Buyer Company  Invoice Number:  DOC-12345", 0.1), ("456 Buyer St  Invoice Date:  October 1, 2023", 0.1),
                 ("Total  €100.00", 0.6)] + [("", 0.1)] * 30 +
                [("Seller Company  LEGAL-1", 0.1), ("Seller Trading Name  VAT ID: DE123456789", 0.1),
                 ("123 Seller St", 0.1), ("Suite 100", 0.1), ("12345 Seller City", 0.1)], start=0.2)
    seller, _ = find_parties(doc)
    assert seller.name is not None and seller.name.value != "123 Seller St"


def test_a_logos_brand_word_gives_way_to_the_name_that_spells_it_out():
    """OCR reads the logo 'PACANO' in large letters at the top; the sender block below says 'Société Hôtelière du
    Pacano': the fuller name is the seller's."""
    words = [Word("PACANO", 0.1, 0.05, 0.3, 0.09), Word("FACTURE", 0.7, 0.06, 0.85, 0.075)]
    rows = ["20/09/2023", "nº 2023-6013", "Société Hôtelière du Pacano", "2, rue de la Paix", "75000 Paris"]
    for i, text in enumerate(rows):
        x, y = 0.1, 0.12 + 0.02 * i
        for part in text.split():
            words.append(Word(part, x, y, x + 0.008 * len(part), y + 0.012))
            x += 0.008 * (len(part) + 1)
    words.append(Word("Total", 0.5, 0.6, 0.54, 0.612))
    words.append(Word("120,00", 0.7, 0.6, 0.75, 0.612))
    seller, _ = find_parties(TextDocument("ocr", group_lines(1, words), 1))
    assert seller.name.value == "Société Hôtelière du Pacano"
