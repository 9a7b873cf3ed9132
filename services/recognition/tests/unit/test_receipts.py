"""Receipts read as receipts (issue 14, REC-1): the amount paid, the date of the sale and the shop's name on till
slips as OCR reads photos of them: rounding lines, decimal points lost or blurred, VAT summary rows, payment
lines that confirm a total, dates with their time or in a till's own forms, and letterheads whose first lines
are brand names, stamps, addresses or company numbers. Synthetic slips, one rule each."""
from datetime import date
from decimal import Decimal

from recognition.domain.reader import read_invoice
from recognition.domain.receipt_amounts import receipt_amounts
from recognition.domain.receipt_dates import receipt_date, receipt_dates_in
from recognition.domain.receipt_reader import is_receipt
from recognition.domain.receipt_seller import receipt_seller
from recognition.domain.receipt_total import receipt_total
from recognition_testkit import till_slip as _slip


def _total(rows: list[str]) -> Decimal | None:
    found = receipt_total(_slip(rows))
    return found.value if found else None


# -- the total ---------------------------------------------------------------------------------------------------

def test_a_rounding_line_below_the_total_makes_the_rounded_amount_the_one_paid():
    assert _total(["TOTAL AMT  RM 60.31", "ROUNDING ADJ  -0.01", "RM 60.30", "CASH  RM 70.30",
                   "CHANGE  RM 10.00"]) == Decimal("60.30")


def test_a_rounding_line_below_the_total_and_the_rounded_line_unread_gives_the_rounded_amount():
    found = receipt_total(_slip(["Total (Inclusive of GST):  65.53", "Rounding Adj:  0.02", "~~ ~~"]))
    assert found is not None and found.value == Decimal("65.55") and found.confidence < 0.9


def test_subtotal_plus_tax_is_not_the_total_when_the_amount_due_is_printed():
    """Receipt prices include the tax: 'Amt Due' is the total, not the subtotal plus the GST printed below it."""
    assert _total(["Sub Total  129.30", "Amt Due  129.30", "GST @6%  7.30"]) == Decimal("129.30")


def test_a_vat_summary_row_labelled_total_is_not_the_amount_paid():
    assert _total(["Total (RM) :  332.30", "CASH  :  332.30", "Change (RM) :  0.00", "GST SUMMARY",
                   "Total:  313.50  18.81"]) == Decimal("332.30")


def test_quantity_saving_and_tax_totals_are_not_the_total():
    assert _total(["TOTAL QTY:  4.00", "TOTAL SAVING  3.00", "TOTAL TAX  0.28", "TOTAL  4.90"]) == Decimal("4.90")


def test_a_total_whose_decimal_point_was_lost_is_read_when_cash_minus_change_confirms_it():
    found = receipt_total(_slip(["Total  9280", "Cash Received  100.00", "Change  7.20"]))
    assert found is not None and found.value == Decimal("92.80")


def test_a_total_whose_decimal_point_was_lost_is_not_guessed_without_confirmation():
    assert _total(["Total  9280", "Thank you"]) is None


def test_a_card_payment_confirms_the_total():
    found = receipt_total(_slip(["Total:  6380", "Master Card  63.80"]))
    assert found is not None and found.value == Decimal("63.80")


def test_without_a_readable_total_label_cash_minus_change_is_the_total_when_printed():
    found = receipt_total(_slip(["SUBTOTAL  RM96. 20", "CASH  RM100.  00", "YOUR CHANGE  RM3. 80"]))
    assert found is not None and found.value == Decimal("96.20") and found.confidence <= 0.6


def test_total_read_with_ocr_letters_for_its_label():
    """'IOTAL AMOUNT DUE': the T read as I; the payment confirms it."""
    assert _total(["SUBTOTAL (EXCLUDING GST)  235.85", "IOTAL AMOUNT DU  250.00",
                   "PAYMENT MODE: CASH  250.00"]) == Decimal("250.00")


def test_a_total_one_digit_off_cash_minus_change_and_read_less_surely_is_corrected():
    doc = _slip(["TOTAL  18.60", "CASH  50.00", "CHANGE  31.20"])
    total_word = doc.lines[0].words[-1]
    doc.lines[0].words[-1] = type(total_word)(total_word.text, total_word.x0, total_word.y0, total_word.x1,
                                              total_word.y1, 0.7)
    found = receipt_total(doc)
    assert found.value == Decimal("18.80") and found.confidence <= 0.7


def test_a_total_read_surely_is_kept_against_a_change_line_one_digit_off():
    """'CHANGE 3.90' read unsure for 5.90: cash - change is one digit off, but the total was read better."""
    doc = _slip(["TOTAL  RM 14.10", "CASH  RM 20.00", "CHANGE  RM 3.90"])
    change = doc.lines[2].words[-1]
    doc.lines[2].words[-1] = type(change)(change.text, change.x0, change.y0, change.x1, change.y1, 0.5)
    assert receipt_total(doc).value == Decimal("14.10")


def test_a_total_below_the_payment_lines_is_a_summary_row():
    assert _total(["Total After Adj Incl GST  75.00", "CASH  100.00", "Change  25.00", "GST Summary",
                   "Total  70.75"]) == Decimal("75.00")


def test_without_a_label_and_the_change_printed_nowhere_else_cash_minus_change_is_unsure():
    found = receipt_total(_slip(["SUBTOTAL:  43.30", "CASH  100.00", "CASH CHANGE  -  56.10"]))
    assert found.value == Decimal("43.90") and found.confidence <= 0.5


def test_amounts_with_a_space_around_or_instead_of_the_decimal_point_are_read_inexact():
    line = _slip(["Total  105 , 00  RM96. 20  92 80"]).lines[0]
    found = {(a.value, a.exact) for a in receipt_amounts(line)}
    assert {(Decimal("105.00"), False), (Decimal("96.20"), False), (Decimal("92.80"), False)} <= found


def test_a_confirmed_total_stays_at_or_below_0_9():
    found = receipt_total(_slip(["TOTAL  14.10", "CASH  20.00", "CHANGE  5.90"]))
    assert found is not None and found.value == Decimal("14.10") and 0.8 < found.confidence <= 0.9


# -- the date ----------------------------------------------------------------------------------------------------

def test_till_date_forms():
    assert [d for d, _, _ in receipt_dates_in("28 Mar 18 18:32:36")] == [date(2018, 3, 28)]
    assert [d for d, _, _ in receipt_dates_in("Date: 02/JAN/2017")] == [date(2017, 1, 2)]
    assert [d for d, _, _ in receipt_dates_in("05-MAR-2018")] == [date(2018, 3, 5)]
    assert [d for d, _, _ in receipt_dates_in("2018/03/23 10:11")] == [date(2018, 3, 23)]
    assert [d for d, _, _ in receipt_dates_in("REG 13-02 2016 02:29 PM")] == [date(2016, 2, 13)]
    assert receipt_dates_in("2 SEP 15.00") == []  # a quantity and a price, not a date
    assert [d for d, _, _ in receipt_dates_in("09:13 am, 14 October, 2019")] == [date(2019, 10, 14)]
    assert receipt_dates_in("3 Jan, 15.00") == []  # a comma after the month: still a price, not a year


def test_a_year_misread_in_its_second_digit_beside_the_time_of_sale_is_this_century():
    found = receipt_date(_slip(["SUPER SEVEN", "12-02-2618  11:34:45 AM", "TOTAL  5.00"]))
    assert found is not None and found.value == date(2018, 2, 12)
    assert receipt_date(_slip(["Ref 12-02-2618", "TOTAL  5.00"])) is None  # no time beside it: not a date


def test_a_till_net_amount_abbreviated_is_the_amount_paid():
    assert _total(["Item  Qty  Price  Amount", "Net Amt  :  53.55", "GST Summary"]) == Decimal("53.55")


def test_the_date_with_the_time_of_sale_beats_an_earlier_misread_date():
    doc = _slip(["TAXINV :002-1550040  19/03/16", "VEGETABLES  2.20", "TOTAL  28.60", "18/03/18 09:03 #902"])
    found = receipt_date(doc)
    assert found is not None and found.value == date(2018, 3, 18) and found.confidence <= 0.9


def test_a_validity_date_is_not_the_date_of_sale():
    doc = _slip(["Voucher valid until 31/12/2019", "Date: 12/03/2018", "TOTAL  5.00"])
    assert receipt_date(doc).value == date(2018, 3, 12)


def test_a_french_slip_le_date_a_time_and_not_a_phone_number():
    doc = _slip(["Tel. :  05.22.95.66.66", "Le 30/03/2018 à 12:36", "Total Facture :  56.00 DH"])
    assert receipt_date(doc).value == date(2018, 3, 30)


# -- the seller --------------------------------------------------------------------------------------------------

def test_the_seller_is_the_letterhead_name_not_the_street_or_the_postcode_line():
    doc = _slip(["INDAH GIFT & HOME DECO", "27,JALAN DEDAP 13,", "TAMAN JOHOR JAYA,", "81100 JOHOR BAHRU, JOHOR.",
                 "Tel:07-3507405", "RECEIPT", "19/10/2018 20:49:59"])
    assert receipt_seller(doc).value == "INDAH GIFT & HOME DECO"


def test_a_legal_form_alone_on_its_line_is_joined_to_the_name_above():
    doc = _slip(["Nandos.", "PERi-PERI CHICKEN", "Nando's Chickenland Malaysia", "Sdn Bhd", "Unit G-13, Ground Floor",
                 "Tax Invoice"])
    assert receipt_seller(doc).value == "Nando's Chickenland Malaysia Sdn Bhd"


def test_the_company_under_a_brand_line_wins_by_its_legal_form_and_its_number_is_left_out():
    doc = _slip(["SUSHI MENTAI - MAHKOTA CHERAS", "MIZU MENTAI SDN. BHD. (1248446-V)", "NO: 1-1&2 GROUND FLOOR,",
                 "Tax Invoice"])
    found = receipt_seller(doc)
    assert found.value == "MIZU MENTAI SDN. BHD." and found.confidence < 0.9


def test_the_name_above_a_company_number_line_wins_over_a_greeting_or_a_lower_case_stamp():
    doc = _slip(["tan woon yann", "WELCOME TO", "SAM SAM TRADING", "(742016-W)", "67,JLN MEWAH 25/63", "TAX INVOICE"],
                big=(0,))
    assert receipt_seller(doc).value == "SAM SAM TRADING"


def test_a_name_going_on_after_an_ampersand_is_joined_and_address_lines_below_are_not_names():
    doc = _slip(["HOME MASTER HARDWARE &", "ELECTRICAL", "NO.113G & 115G, JALAN SETIA", "SELANGOR.", "TAX INVOICE"])
    assert receipt_seller(doc).value == "HOME MASTER HARDWARE & ELECTRICAL"
    doc = _slip(["THREE STOOGES", "109, SS21/1A,", "DAMANSARA UTAMA", "GST ID : 001661886464", "TAX INVOICE"])
    assert receipt_seller(doc).value == "THREE STOOGES"


def test_a_till_number_before_the_name_is_left_out():
    doc = _slip(["12020481", "#000002 BAIFU (M) Sdn Bhd", "COMPANY NO(814198-X)", "DAISO JAPAN, IOI MALL",
                 "TAX INVOICE"])
    assert receipt_seller(doc).value == "BAIFU (M) Sdn Bhd"


def test_a_street_word_inside_a_name_without_a_number_is_not_an_address():
    doc = _slip(["GREEN LANE PHARMACY SDN EHD", "33 JLN BANGAU 1,KEPONG BARU,", "TAX INVOICE"])
    assert receipt_seller(doc).value == "GREEN LANE PHARMACY SDN BHD"


def test_a_two_word_legal_form_misread_by_a_letter_in_each_word_is_given_as_printed():
    doc = _slip(["WAHIN HARDWARE SIN EHD", "(172150-D)", "TAX INVOICE"])
    found = receipt_seller(doc)
    assert found.value == "WAHIN HARDWARE SDN BHD" and found.confidence < 0.9
    assert receipt_seller(_slip(["ROYAL SON BAR", "TAX INVOICE"])).value == "ROYAL SON BAR"  # not a legal form


def test_a_belgian_letterhead_street_and_postcode_are_not_the_name():
    doc = _slip(["Bakkerij De Zon", "Kerkstraat 12", "9000 Gent", "BTW BE 0123.456.789", "Kassaticket"])
    assert receipt_seller(doc).value == "Bakkerij De Zon"


# -- which documents are receipts -------------------------------------------------------------------------------

def test_a_till_slip_is_a_receipt_an_invoice_scan_or_a_text_pdf_is_not():
    slip = ["SHOP", "Cashier: 01", "TOTAL  5.00", "CASH  10.00", "CHANGE  5.00", "Thank you"]
    assert is_receipt(_slip(slip))
    assert not is_receipt(_slip(slip, method="pdf_text"))
    invoice = ["ACME NV", "Invoice to: Client BV", "Due date: 30/04/2025", "IBAN BE68 5390 0754 7034",
               "Total  121.00", "Thank you for your business"]
    assert not is_receipt(_slip(invoice))


def test_a_receipt_read_end_to_end_gets_the_receipt_fields():
    doc = _slip(["tan woon yann", "INDAH GIFT & HOME DECO", "27,JALAN DEDAP 13,", "81100 JOHOR BAHRU, JOHOR.",
                 "RECEIPT", "19/10/2018 20:49:59 #01", "Cashier: CN", "TOTAL AMT  RM 60.31", "ROUNDING ADJ  -0.01",
                 "RM 60.30", "CASH  RM 70.30", "CHANGE  RM 10.00", "Thank You ! Please Come Again !"], big=(0,))
    invoice = read_invoice(doc)
    assert invoice.total_incl_vat.value == Decimal("60.30")
    assert invoice.issue_date.value == date(2018, 10, 19)
    assert invoice.seller.name.value == "INDAH GIFT & HOME DECO"
    assert max(invoice.total_incl_vat.confidence, invoice.issue_date.confidence,
               invoice.seller.name.confidence) <= 0.9
