"""General seller rules (REC-2, issue 14 item 3): the seller is the party that is not the customer. Headings side by
side ('Seller:  Buyer:'), a heading over a gap ('PROVIDED BY:'), a buyer's VAT number or name printed again
outside its block, a tax representative's block, the sender line over a letter's address window, a placeholder
under a company-name label, and currency codes or dates cut at a comma never taken for a name."""
from recognition.domain.parties import find_parties
from recognition_testkit import text_page


def test_seller_and_buyer_headings_side_by_side_split_the_columns():
    doc = text_page([
        ("VAT Invoice no. FS/22/09/51", 0.6),
        ("Seller:  Buyer:", 0.07),
        ("SwissDev Jan Tomasik  SimFin Analytics GmbH", 0.07),
        ("Pcim 938  Pfälzer Ufer 4", 0.07),
        ("VAT no.: PL6812077987  VAT no.: DE303303712", 0.07),
    ], start=0.15)
    seller, buyer = find_parties(doc)
    assert seller.name.value == "SwissDev Jan Tomasik"
    assert seller.vat_number.value == "PL6812077987" and buyer.vat_number.value == "DE303303712"


def test_a_heading_in_the_right_column_over_a_gap_and_the_billed_to_block():
    doc = text_page([
        ("BILLED TO:  PRODUCT(S) PROVIDED BY:", 0.04),
        ("SimFin Analytics GmbH", 0.04),
        ("Pfälzer Ufer 4", 0.04),
        ("Halle 06108  Semrush Inc.", 0.04),
        ("GERMANY  www.semrush.com", 0.04),
        ("VAT number: DE355369209", 0.04),
        ("VAT number: EU203000373", 0.52),
        ("PAYMENT CURRENCY:  USD", 0.04),
    ], start=0.03)
    seller, buyer = find_parties(doc)
    assert seller.name.value == "Semrush Inc."
    assert seller.vat_number.value == "EU203000373" and buyer.vat_number.value == "DE355369209"


def test_the_buyers_vat_number_and_name_printed_again_outside_the_buyer_block():
    doc = text_page([
        ("Invoice number 76253815 0004", 0.05),
        ("VAT Number  DE355369209", 0.05),
        ("Storyblok GmbH  Bill to", 0.05),
        ("Peter-Behrens-Platz 2  SimFin Analytics GmbH", 0.05),
        ("A 4020 Linz  Pfälzer Ufer 4", 0.05),
        ("Austria  DE VAT DE355369209", 0.05),
        ("", 0.05),
        ("SimFin Analytics GmbH", 0.05),
        ("VAT of Storyblok GmbH ATU72706128", 0.05),
    ], start=0.08)
    seller, buyer = find_parties(doc)
    assert seller.vat_number.value == "ATU72706128" and buyer.vat_number.value == "DE355369209"
    assert seller.name.value == "Storyblok GmbH"


def test_a_tax_representatives_block_is_not_the_seller():
    doc = text_page([
        ("SELLER TRADE NAME", 0.11),
        ("LE FOURNISSEUR", 0.11),
        ("35 rue d'ici", 0.11),
        ("N° TVA : FR 11 123 456 782", 0.11),
        ("", 0.11),
        ("Représentant Fiscal", 0.11),
        ("TAX AGENT SARL", 0.12),
        ("TVA : FR 05 987 654 321", 0.12),
    ], start=0.09)
    seller, _ = find_parties(doc)
    assert seller.name.value == "LE FOURNISSEUR"
    assert seller.vat_number.value == "FR11123456782"


def test_the_sender_line_over_the_address_window_is_the_seller_not_the_window():
    doc = text_page([
        ("weclapp.com | Somestreet 42 | 08155 Some city", 0.09),
        ("Beispiel AG", 0.09),
        ("Feldstraße 34", 0.09),
        ("54321 Hithausen", 0.09),
        ("", 0.09),
        ("Rechnung RE1001", 0.09),
    ], start=0.14)
    seller, _ = find_parties(doc)
    assert seller.name.value == "weclapp.com"


def test_a_placeholder_under_a_company_name_label_is_a_name_and_codes_or_dates_are_not():
    doc = text_page([
        ("Informationen zum Verkäufer", 0.1),
        ("Firmenname:  [Seller name]  Ländercode:  DE", 0.1),
        ("Adresszeile 1:  [Seller address line 1]  Name:  Kundencenter", 0.1),
    ], start=0.25)
    seller, _ = find_parties(doc)
    assert seller.name.value == "[Seller name]"
    codes = text_page([("USD  EUR", 0.6), ("April 13, 2023", 0.05), ("PRO 1 month Recurring", 0.2)], start=0.3)
    seller, _ = find_parties(codes)
    assert seller.name is None or seller.name.value not in ("USD", "EUR", "April 13")
