"""Numbers, amounts, rates and dates as each portal language writes them: the Jinja filters |money, |percent,
|number and |day (portal.domain.amounts through portal.entrypoints.http.rendering), issue 15 item 2."""
import pytest

from portal.domain import amounts
from portal.domain.amounts import typed_amount
from portal.entrypoints.http.rendering import build_environment

ENV = build_environment()
RATE = "17.35587837931947017284844771"


def shown(template: str, lang: str, **values) -> str:
    return ENV.from_string(template).render(lang=lang, **values)


@pytest.mark.parametrize(("lang", "amount", "rate", "day"), [
    ("nl", "€\xa04.904,94", "17,36%", "7 mrt 2026"),
    ("fr", "4\u202f904,94\xa0€", "17,36\xa0%", "7 mars 2026"),
    ("de", "4.904,94\xa0€", "17,36\xa0%", "07.03.2026"),
    ("en", "€4,904.94", "17.36%", "7 Mar 2026"),
])
def test_amount_rate_and_date_in_each_language(lang, amount, rate, day):
    assert shown("{{ v|money }}", lang, v="4904.94") == amount
    assert shown("{{ v|percent }}", lang, v=RATE) == rate
    assert shown("{{ v|day }}", lang, v="2026-03-07T10:00:00+00:00") == day


def test_whole_rates_lose_no_digits_they_have_and_gain_none():
    assert shown("{{ v|percent }}", "en", v="21") == "21%" and shown("{{ v|percent }}", "de", v="5.5") == "5,5\xa0%"


def test_a_foreign_amount_and_an_exchange_rate():
    assert shown("{{ v|money('USD') }}", "en", v="100") == "US$100.00"
    assert shown("{{ v|number }}", "de", v="0.92345678") == "0,923457"


@pytest.mark.parametrize("value", [None, ""])
def test_nothing_shows_nothing(value):
    assert shown("{{ v|money }}{{ v|percent }}{{ v|day }}{{ v|number }}", "fr", v=value) == ""


def test_what_does_not_parse_is_shown_as_given_and_escaped():
    bad = "<b>12%</b>"
    assert shown("{{ v|percent }} {{ v|money }}", "nl", v=bad) == "&lt;b&gt;12%&lt;/b&gt; &lt;b&gt;12%&lt;/b&gt;"
    assert shown("{{ v|percent }}", "nl", v="NaN") == "NaN"


def test_a_list_of_rates_maps_through_the_filter():
    assert shown('{{ v|map("percent")|join(", ") }}', "fr", v=["6", RATE]) == "6\xa0%, 17,36\xa0%"


@pytest.mark.parametrize("language, typed, plain", [
    ("nl", "49,99", "49.99"), ("en", "49,99", "49.99"), ("de", "49.99", "49.99"), ("nl", "1.234,56", "1234.56"),
    ("fr", "1.234,56", "1234.56"), ("fr", "1 234,56", "1234.56"), ("de", "1.234.567,8", "1234567.8"),
    ("en", "1,234.56", "1234.56"), ("nl", "€ 12", "12"), ("nl", "12,345", "12,345"), ("en", "abc", "abc")])
def test_an_amount_typed_in_the_readers_notation_becomes_a_plain_decimal(language, typed, plain):
    """Issue 15 item 11 (PAY-2): what does not read as an amount stays as typed, for the service to refuse by name."""
    assert typed_amount(typed, language) == plain


@pytest.mark.parametrize("lang, when, size", [
    ("nl", "7/12/2026, 18:05", "13 kB"), ("fr", "7/12/26 18:05", "13\u202fko"),
    ("de", "07.12.26, 18:05", "13 kB"), ("en", "07/12/2026, 18:05", "13 kB")])
def test_a_moment_in_belgian_time_and_a_file_size_in_each_language(lang, when, size):
    """A service's UTC timestamp is shown as the reader writes a date and time in Brussels (not its ISO text)."""
    assert amounts.moment("2026-12-07T17:05:00+00:00", lang) == when
    assert amounts.size(12 * 1024 + 1, lang) == size
    assert amounts.moment(None, lang) == "" and amounts.moment("soon", lang) == "soon"
