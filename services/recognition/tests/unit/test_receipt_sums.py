"""A receipt's own arithmetic (issue 14, REC-1): the subtotal before tax plus the tax lines, made a 5-cent
multiple by the rounding read, confirms or corrects the total; a tax said to be included, a discount, or no tax
read gives no sum. Synthetic slips, one rule each."""
from decimal import Decimal

from recognition.domain.receipt_amounts import receipt_amounts
from recognition.domain.receipt_sums import slip_sum
from recognition.domain.receipt_total import receipt_total
from recognition_testkit import till_slip


def _sum(rows: list[str]):
    doc = till_slip(rows)
    amounts = [receipt_amounts(line) for line in doc.lines]
    return slip_sum(doc, amounts, lambda i: "NET TOTAL" in rows[i] or "CASH" in rows[i])


def test_the_subtotal_plus_tax_and_the_rounding_read_beside_them_make_the_slips_sum():
    found = _sum(["RICE  4.50", "SUB TOTAL  64.00", "GST 6%  3.84", "ROUNDING ADJ  0.01", "NET TOTAL  67.85",
                  "CASH  100.00", "GST 6%  99.00"])
    assert found is not None and found.gross == Decimal("67.84") and found.rounded == Decimal("67.85")


def test_no_sum_when_the_tax_is_included_a_discount_stands_between_or_no_tax_is_read():
    assert _sum(["SUBTOTAL  28.60", "GST Included  1.62", "NET TOTAL  28.60"]) is None
    assert _sum(["SUBTOTAL  60.60", "Coupon Discount  27.60", "GST  1.87", "NET TOTAL  33.00"]) is None
    assert _sum(["SUB-TOTAL  59.99", "TAX  0.00", "NET TOTAL  59.99"]) is None
    assert _sum(["TOTAL  64.00", "GST 6%  3.84", "NET TOTAL  67.84"]) is None  # no subtotal label


def test_a_total_one_character_off_the_rounded_sum_is_corrected_to_it():
    found = receipt_total(till_slip(["RICE  4.50", "SUB TOTAL  64.00", "GST 6%  3.84", "ROUNDING ADJ  0.01",
                                     "NET TOTAL  61.85", "Thank you"]))
    assert found is not None and found.value == Decimal("67.85") and found.confidence <= 0.7
    found = receipt_total(till_slip(["RICE  4.50", "SUB TOTAL  64.00", "GST 6%  3.84", "ROUNDING ADJ  0.01",
                                     "NET TOTAL  57.65", "Thank you"]))  # two characters off: kept as read
    assert found is not None and found.value == Decimal("57.65")


def test_the_sum_is_the_total_when_the_items_above_the_subtotal_add_up_to_it():
    rows = ["BRAISED PORK  14.00", "SOUR SPICY  12.00", "JASMINE TEA  4.60", "ROAST PORK  11.90",
            "Total Sales (Excluding GST)  :  39.62", "Total GST  :  2.88", "Total Sales (Inclusive of GST)  52.60",
            "Thank you"]
    assert receipt_total(till_slip(rows)).value == Decimal("42.50")
    rows[0] = "BRAISED PORK  24.00"  # the items make 52.50: the sum is not confirmed, the label's amount stays
    assert receipt_total(till_slip(rows)).value == Decimal("52.60")


def test_a_total_below_the_vat_summarys_net_gives_way_to_the_summarys_gross():
    rows = ["BOOKSHOP", "NOTEBOOK A4  3  60.00", "PENS  40.00", "TOTAL  ~4 6.00", "GST Summary  Amount  Tax",
            "TOTAL:  100.00  6.00"]  # the total's leading digits lost: what is left is the tax
    found = receipt_total(till_slip(rows))
    assert found is not None and found.value == Decimal("106.00") and found.confidence < 0.75


def test_a_total_above_the_vat_summarys_net_or_confirmed_by_the_payment_stays():
    summary = ["GST Summary  Amount  Tax", "TOTAL:  100.00  6.00"]
    above = receipt_total(till_slip(["ITEMS  120.00", "TOTAL  120.00"] + summary))  # a zero-rated part besides
    assert above is not None and above.value == Decimal("120.00")
    paid = receipt_total(till_slip(["TOTAL  6.00", "CASH  10.00", "CHANGE  4.00"] + summary))
    assert paid is not None and paid.value == Decimal("6.00")
