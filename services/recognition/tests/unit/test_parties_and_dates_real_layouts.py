"""Seller, seller VAT and dates on layouts seen in real documents (issue 14 items 2-3): party blocks under
headings, VAT numbers whose check digits fail but stand behind their label, a tax number kept apart, the date
of the title line, and dates of other events (a related invoice, a delivery) not taken for the issue date."""
from datetime import date

from recognition.domain.fields import find_dates
from recognition.domain.layout import TextDocument, Word, group_lines
from recognition.domain.parties import find_parties
from recognition_testkit import text_page


_page = text_page  # a made-up text-layer page (recognition_testkit)


SECTIONS = _page([
    ("Stylesheet-Version:  2.6 vom 10.11.2025", 0.03),
    ("Handelsrechnung (380) Nr. 6069999998 vom 31.01.2025", 0.02),
    ("Verkäufer", 0.03),
    ("Name:  Musterlieferant GmbH", 0.03),
    ("Anschrift:  Lieferanten-Str.12-17", 0.03),
    ("Steuernummer:  201/113/40209", 0.03),
    ("USt.-Id.-Nr.:  DE12435679", 0.03),
    ("", 0.03),
    ("Käufer/Leistungsempfänger", 0.03),
    ("Name:  Musterkäufer GmbH", 0.03),
    ("USt.-Id.-Nr.:  DE123456789", 0.03),
])


def test_seller_is_the_named_party_of_the_seller_block_not_a_header_line():
    seller, buyer = find_parties(SECTIONS)
    assert seller.name is not None and seller.name.value == "Musterlieferant GmbH"
    assert seller.name.confidence <= 0.9


def test_labelled_vat_number_with_failing_check_digits_is_kept_unsure_and_the_tax_number_never():
    seller, buyer = find_parties(SECTIONS)
    assert seller.vat_number is not None and seller.vat_number.value == "DE12435679"
    assert seller.vat_number.confidence < 0.9  # not verified by its check digits
    assert buyer.vat_number is not None and buyer.vat_number.value == "DE123456789"


def test_issue_date_from_the_title_line():
    issue, _ = find_dates(SECTIONS)
    assert issue is not None and issue.value == date(2025, 1, 31)


def test_date_of_a_related_invoice_is_not_the_issue_date():
    doc = _page([
        ("FACTURE N° :  F20220026", 0.5),
        ("Date :  31/01/2022", 0.5),
        ("N° DE FACTURE ASSOCIÉE : F20220003", 0.02),
        ("DATE DE FACTURE ASSOCIÉE : 01/01/2022", 0.02),
        ("DATE DE DEBUT DE PRESTATION : 01/01/2022", 0.02),
    ])
    issue, _ = find_dates(doc)
    assert issue is not None and issue.value == date(2022, 1, 31)


def test_vat_number_under_its_label_in_a_footer_column():
    """'USt-IdNr' over 'DE123456789' in the footer (check digits failing): the seller's, not verified."""
    words = []
    for x, top, bottom in ((0.05, "Kraxi GmbH", "GF Paul Kraxi"), (0.3, "Sitz der Gesellschaft", "München HRB 999999"),
                           (0.55, "USt-IdNr", "DE123456789"), (0.75, "Postbank München", "IBAN DE28700100809999999999")):
        for y, text in ((0.9, top), (0.92, bottom)):
            cx = x
            for part in text.split(" "):
                words.append(Word(part, cx, y, cx + 0.008 * len(part), y + 0.012))
                cx += 0.008 * (len(part) + 1)
    seller, _ = find_parties(TextDocument("pdf_text", group_lines(1, words), 1))
    assert seller.vat_number is not None and seller.vat_number.value == "DE123456789"
    assert seller.vat_number.confidence < 0.9


def test_receipt_seller_with_a_malaysian_legal_form_not_a_lower_case_stamp_above_it():
    doc = _page([
        ("tan woon yann", 0.3),
        ("MR D.I.Y. (JOHOR) SDN BHD", 0.25),
        ("(CO. REG : 860671-D)", 0.3),
        ("CASHIER", 0.05),
        ("TOTAL  30.90", 0.05),
    ])
    seller, _ = find_parties(doc)
    assert seller.name is not None and seller.name.value == "MR D.I.Y. (JOHOR) SDN BHD"


def test_receipt_seller_without_legal_form_over_table_headers_and_repeated_tax_codes():
    doc = _page([
        ("SWEET FOREST CAFE", 0.3),
        ("Table 15", 0.05),
        ("Qty  U. price  Total  TAX", 0.05),
        ("1 Latte  9.00  SR", 0.05),
        ("1 Cake  12.00  SR", 0.05),
        ("TOTAL  21.00", 0.05),
    ])
    seller, _ = find_parties(doc)
    assert seller.name is not None and seller.name.value == "SWEET FOREST CAFE"


def test_us_dollar_english_page_reads_dates_month_first():
    doc = _page([("Contoso, Ltd.  Project Statement", 0.05), ("Date: 9/10/2020", 0.6),
                 ("Manager Training  $3,500", 0.05), ("Total  $10,686.25", 0.5)])
    issue, _ = find_dates(doc)
    assert issue is not None and issue.value == date(2020, 9, 10)


def test_a_date_that_proves_day_first_keeps_day_first_even_with_dollars():
    doc = _page([("Invoice", 0.05), ("Date: 9/10/2020", 0.6), ("Delivered 25/09/2020", 0.05),
                 ("Total  $10.00 $12.00", 0.5)])
    issue, _ = find_dates(doc)
    assert issue is not None and issue.value == date(2020, 10, 9)
