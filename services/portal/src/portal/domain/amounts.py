"""Amounts, rates and dates as each portal language writes them (babel): ``1234.5`` → ``€ 1.234,50`` in nl-BE,
a VAT rate ``17.3558…`` → ``17,36 %`` in fr-BE.

Values come from other services as strings; anything that does not parse is shown as it came (autoescaped).
The templates reach these through the filters ``|money``, ``|percent``, ``|number`` and ``|day``
(portal.entrypoints.http.rendering), in the language of the page."""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.dates import format_date, format_datetime, get_timezone
from babel import Locale
from babel.numbers import format_currency, format_decimal, format_percent
from babel.units import format_unit

# English as written in Europe: day-month dates, but English figures ("€4,904.94", "17.36%"); en_BE would write
# "4.904,94 €", the Dutch/French notation an English reader does not expect (issue 15 item 2)
LOCALES = {"nl": "nl_BE", "fr": "fr_BE", "de": "de_BE", "en": "en_IE"}
BRUSSELS = get_timezone("Europe/Brussels")


def decimal_of(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def money(value: Any, language: str, currency: str = "EUR") -> str:
    """An amount (in euro unless another ISO currency is named) in the language's notation; what does not parse,
    as given; none: empty."""
    if value is None or value == "":
        return ""
    amount = decimal_of(value)
    if amount is None:
        return str(value)
    return format_currency(amount, str(currency or "EUR"), locale=LOCALES.get(language, LOCALES["en"]))


def percent(value: Any, language: str, places: int = 2) -> str:
    """A rate given in percent (``21``, ``17.3558…``) as the language writes a percentage, rounded for display to
    at most ``places`` decimals (``21 %``, ``17,36 %``); what does not parse, as given; none: empty."""
    if value is None or value == "":
        return ""
    rate = decimal_of(value)
    if rate is None or not rate.is_finite():
        return str(value)
    locale = Locale.parse(LOCALES.get(language, LOCALES["en"]))
    pattern = locale.percent_formats[None].pattern.replace("0", "0." + "#" * places, 1) if places else None
    return format_percent(rate / 100, pattern, locale=locale)


def number(value: Any, language: str, places: int = 6) -> str:
    """A plain number (e.g. an exchange rate) in the language's notation, at most ``places`` decimals."""
    if value is None or value == "":
        return ""
    figure = decimal_of(value)
    if figure is None or not figure.is_finite():
        return str(value)
    return format_decimal(figure, "#,##0." + "#" * places, locale=LOCALES.get(language, LOCALES["en"]))


def day(value: Any, language: str) -> str:
    """An ISO date (or timestamp) as the language writes it, medium length; empty when there is none."""
    if not value:
        return ""
    try:
        return format_date(date.fromisoformat(str(value)[:10]), "medium", locale=LOCALES.get(language, LOCALES["en"]))
    except ValueError:
        return str(value)


def moment(value: Any, language: str) -> str:
    """An ISO timestamp as the language writes a date and time, short, in Belgian time; empty when there is none."""
    if not value:
        return ""
    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return format_datetime(when, "short", tzinfo=BRUSSELS, locale=LOCALES.get(language, LOCALES["en"]))


def size(value: Any, language: str) -> str:
    """A file size in bytes as kilobytes (``12 kB`` / ``12 ko``), rounded up."""
    kilobytes = -(-int(value or 0) // 1024)
    return format_unit(kilobytes, "digital-kilobyte", "short", locale=LOCALES.get(language, LOCALES["en"]))


def month(value: str, language: str, width: str = "MMM") -> str:
    """``2026-03`` → ``mrt.`` / ``mars`` / ``März`` / ``Mar``."""
    try:
        year, number = (int(p) for p in str(value).split("-")[:2])
        return format_date(date(year, number, 1), width, locale=LOCALES.get(language, LOCALES["en"]))
    except ValueError:
        return str(value)


_PLAIN = re.compile(r"^-?\d+(?:[.,]\d{1,2})?$")
_GROUPED = {"en": re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?$"),  # 1,234.56
            "continental": re.compile(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?$")}  # 1.234,56


def typed_amount(text: str, language: str) -> str:
    """An amount a person typed, as the API's plain decimal ("49,99" → "49.99"; "1.234,56" in NL/FR/DE and
    "1,234.56" in English → "1234.56"; spaces as thousands separators too; issue 15 item 11). One separator
    followed by one or two digits is the decimal mark in every language. What does not parse is returned as typed,
    for the service to refuse by name."""
    cleaned = re.sub(r"[\s\u00a0\u202f€]", "", text or "")
    if _PLAIN.match(cleaned):
        return cleaned.replace(",", ".")
    if _GROUPED["en" if language == "en" else "continental"].match(cleaned):
        group, decimal = (",", ".") if language == "en" else (".", ",")
        return cleaned.replace(group, "").replace(decimal, ".")
    return text
