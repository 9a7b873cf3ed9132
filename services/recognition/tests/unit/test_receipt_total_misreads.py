"""A receipt's total where OCR misread what names it (issue 14, REC-1): the 'Incl' of a GST-inclusive total, a
currency sign glued to the amount, the tender's label, both labels around a rounding line, a dash read as a minus;
a cash amount on the line below its label and confirmed by the items' sum; a total label beside a saving, a
rounding line without its amount, a tax below a total label; and a slip with one amount and nothing
else. Synthetic slips, one rule each."""
from dataclasses import replace
from decimal import Decimal

from recognition.domain.receipt_total import receipt_total
from recognition_testkit import till_slip


def _total(rows: list[str]) -> Decimal | None:
    found = receipt_total(till_slip(rows))
    return found.value if found else None


def test_a_gst_inclusive_total_whose_incl_ocr_misread_is_still_the_total():
    assert _total(["Sub Total  70.75", "Total Incheive GST  75.06", "Thank you"]) == Decimal("75.06")
    assert _total(["Sub Total  70.75", "Total Sales Inci GST  75.06", "Thank you"]) == Decimal("75.06")


def test_an_amount_with_a_dash_of_the_layout_before_it_confirms_a_total_whose_point_was_lost():
    assert _total(["2 X 14.20  -  28.40", "Total Incl GST  2840", "CASH  50.00"]) == Decimal("28.40")


def test_a_currency_sign_misread_and_glued_to_the_total_is_left_out():
    found = receipt_total(till_slip(["Parking Fee  RM3.00", "Total  M3.00", "Thank you"]))
    assert found is not None and found.value == Decimal("3.00") and found.confidence < 0.75


def test_the_line_right_above_the_change_is_the_tender_when_its_label_was_misread():
    found = receipt_total(till_slip(["Item  i  7.50", "Fay  20.00", "Change  12.50"]))
    assert found is not None and found.value == Decimal("7.50") and found.confidence <= 0.6


def test_a_tender_found_by_its_place_does_not_overrule_a_total_read_fairly_surely():
    """'TOTAL 60.30', the tender's label misread and its amount 70.39 for 70.30: the total stays."""
    doc = till_slip(["TOTAL  60.30", "Aisne: RX  70.39", "CHANGE  10.00"])
    doc.lines[0].words[-1] = replace(doc.lines[0].words[-1], conf=0.7)
    assert receipt_total(doc).value == Decimal("60.30")


def test_the_same_amount_above_and_below_a_rounding_line_is_the_total_when_both_labels_were_misread():
    assert _total(["BERAS  359.20", "CILI  7.90", "iatal iles  367.10", "Rounding Adjustment  0.00",
                   "Kel Juta!  367.10", "VISA CARD"]) == Decimal("367.10")


def test_a_slip_with_one_amount_and_no_total_read_has_that_amount_for_total_unsure():
    found = receipt_total(till_slip(["QTY ITEM  PRICE  TOTAL", "2x Hey Song  7.60", "Change"]))
    assert found is not None and found.value == Decimal("7.60") and found.confidence <= 0.5
    assert receipt_total(till_slip(["Thank you", "CASH  50.00"])) is None


def test_cash_below_its_label_without_change_is_the_total_when_the_items_add_up_to_it():
    found = receipt_total(till_slip(["09/03/2018 21:26  0001", "DPT.05  RI 149.00", "DPT.04  RN 21.00", "CASH",
                                     "RM  170.00"]))
    assert found is not None and found.value == Decimal("170.00") and found.confidence <= 0.6
    assert _total(["DPT.05  149.00", "DPT.04  20.00", "CASH", "RM  170.00"]) is None


def test_a_total_label_sharing_its_line_with_a_saving_takes_its_own_amount():
    """Two columns on one line: 'TOTAL SAVING: 0.00' is no total, the 'TOTAL 6.85' right of it is."""
    assert _total(["Bun  3.05", "Pak Choy  3.78", "TOTAL SAVING:  0.00  TOTAL  6.85", "Thank you"]) == Decimal("6.85")
    assert _total(["Bun  3.05", "TOTAL SAVING:  0.00  TOTAL QTY  2.00", "Thank you"]) is None


def test_a_rounding_line_without_its_amount_makes_the_rounded_total_below_it_the_amount_paid():
    """'Grand Total 87.08' (= net + service + GST), the rounding's amount unread, 'Net Total 87.10' below."""
    rows = ["Sub Total  74.68", "Service Chg 10%  7.47", "GST  4.93", "Grand Total  87.08", "Rounding Adjustment:",
            "Net Total  87.10", "Thank you"]
    found = receipt_total(till_slip(rows), checked=Decimal("87.08"))
    assert found is not None and found.value == Decimal("87.10") and found.confidence >= 0.8
    rows[5] = "Net Total  87.33"  # 25 cents off: not a cash rounding
    assert receipt_total(till_slip(rows), checked=Decimal("87.08")).value == Decimal("87.08")


def test_a_card_paying_the_unrounded_total_keeps_it_over_a_rounded_one():
    rows = ["Total  87.08", "Rounding Adjustment:", "Net Total  87.10", "VISA  87.08"]
    assert _total(rows) == Decimal("87.08")


def test_the_tax_on_the_line_below_a_total_that_lost_its_amount_is_not_the_total():
    assert _total(["Pudding  5.90", "Grand Total", "(Bill Inclusive of 6% GST  :  RM1.66)", "Thank you"]) is None
    assert _total(["Item  6.00", "TOTAL AMOUNT", "CASH  RM  6.00", "Thank you"]) == Decimal("6.00")


def test_a_total_label_with_a_letter_dropped_or_its_o_misread_is_still_a_total_label():
    assert _total(["Nasi Lemak  9.60", "Teh Ais  4.30", "TOTA  13.90", "Thank you"]) == Decimal("13.90")
    assert _total(["Nasi Lemak  9.60", "Teh Ais  4.30", "TATAL  13.90", "Thank you"]) == Decimal("13.90")
    assert _total(["Nasi Lemak  9.60", "TOLAK H/D  4.30", "Thank you"]) is None  # 'TOLAK' is a word, not 'TOTAL'


def test_cash_minus_change_beats_a_total_read_only_in_the_vat_summary_below_the_payment():
    rows = ["Cement  565.50", "GST  33.93", "CASH  :  599.45", "Change  :  0.00", "GST SUMMARY", "SR  6  565.50",
            "Tatal:  koe En  77.93"]
    assert _total(rows) == Decimal("599.45")


def test_a_rounding_whose_minus_ocr_misread_still_leads_to_the_rounded_total_below():
    rows = ["Total RM Incl. of GST  31.37", "Rounding Ad  ~0.02", "Total RM  31.35", "Thank you"]
    assert _total(rows) == Decimal("31.35")


def test_cash_and_change_labels_with_a_letter_misread_still_confirm_the_total():
    found = receipt_total(till_slip(["Nasi Lemak  37.50", "TOTAL  37.50", "CASF  50.00", "HANGE  12.50"]))
    assert found is not None and found.value == Decimal("37.50") and found.confidence >= 0.8
    found = receipt_total(till_slip(["Nasi Lemak  37.50", "TOTAL  37.50", "Paid  50.00", "Service Charge  12.50"]))
    assert found is not None and found.confidence < 0.8  # a service charge is no change given
