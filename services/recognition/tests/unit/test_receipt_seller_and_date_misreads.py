"""A receipt's seller and date where the slip names its owner apart or OCR misread a letter (issue 14, REC-1): the
company that owns or runs the shop, a company number in brackets after the name, 'CO.' as a legal form, a legal
form misread by a letter, a stray letter with a colon before the name; a month's J read as l, a year-first date
whose year OCR misread beside the time. Synthetic slips, one rule each."""
from datetime import date

from recognition.domain.receipt_dates import receipt_date
from recognition.domain.receipt_seller import receipt_seller
from recognition_testkit import till_slip


def _seller(rows: list[str]) -> str | None:
    found = receipt_seller(till_slip(rows))
    return found.value if found else None


def test_the_company_owning_the_shop_is_the_seller_under_the_brand_or_in_the_footer():
    assert _seller(["OLD ASIA", "OWN BY: CHEF LEE SDN BHD", "CO. NO. (458592-T)", "LG226, 1 UTAMA",
                    "25/03/2018 12:00"]) == "CHEF LEE SDN BHD"
    found = receipt_seller(till_slip(["TAX INVOICE", "PIZZA PLACE", "51200 Kuala Lumpur", "Total  33.00",
                                      "Thank you", "Owned by", "Dommal Food Services Sdn Bhd"]))
    assert found.value == "Dommal Food Services Sdn Bhd" and found.confidence <= 0.8


def test_a_company_number_in_brackets_after_a_name_makes_it_the_company_not_the_shop_line_below():
    assert _seller(["Aneka Irtertrade Marketing (524463-X)", "Wellmart @ KP2", "GST Reg No 001532760064",
                    "19/05/16 12:01"]) == "Aneka Irtertrade Marketing"


def test_a_two_word_legal_form_with_a_letter_dropped_is_given_as_printed():
    assert _seller(["OGM nn", "AMANO MALAYSIA SON BD (682288-V )", "12 JALAN PENGACARA U1/48",
                    "30/04/2017 23:14"]) == "AMANO MALAYSIA SDN BHD"


def test_a_legal_form_misread_by_one_letter_is_given_as_printed_also_beside_a_right_word():
    assert _seller(["PETRODELI ENIERPRISE", "JALAN 5, 81100 JOHOR", "25/03/2018 12:00"]) == "PETRODELI ENTERPRISE"
    assert _seller(["SPARKLE TRADING SEN BHD", "Batu 11 Kampung Dato, 43200", "21/10/2017 01:31"]) == \
        "SPARKLE TRADING SDN BHD"


def test_one_stray_letter_and_a_colon_before_a_name_is_not_a_label():
    assert _seller(["à:  SPARKLE TRADING SDN BHD", "43200 Cheras", "21/10/2017 01:31"]) == \
        "à:  SPARKLE TRADING SDN BHD"


def test_co_with_its_point_is_a_legal_form_and_co_no_is_not():
    assert _seller(["EIGHT OUNCE", "EIGHT OUNCE COFFEE CO. THE GARDENS", "F.KO6, First Floor",
                    "24-05-2018 4:29 PM"]) == "EIGHT OUNCE COFFEE CO. THE GARDENS"
    assert _seller(["SUNRISE BAKERY", "CO. NO. 12345", "24-05-2018 4:29 PM"]) == "SUNRISE BAKERY"


def test_a_month_whose_j_ocr_read_as_l_is_january():
    assert receipt_date(till_slip(["CA: 50273580475  02/lan/2017 10:49:25"])).value == date(2017, 1, 2)


def test_a_year_first_date_whose_year_ocr_misread_beside_the_time_of_sale_is_this_century():
    assert receipt_date(till_slip(["001-2918-03-18 13:21:02 Rainny"])).value == date(2018, 3, 18)


def test_a_four_digit_year_ocr_split_in_two_is_one_year_not_a_time():
    assert receipt_date(till_slip(["Doc No  CS00031664  Date 25/12/20 18", "Cashier  USER  Time 12 31 00"])
                        ).value == date(2018, 12, 25)
    assert receipt_date(till_slip(["Date 25/12/20 18:30", "TOTAL  5.00"])).value == date(2020, 12, 25)
