"""Amounts, rates and dates as each portal language writes them (babel): ``1234.5`` → ``€ 1.234,50`` in nl-BE,
a VAT rate ``17.3558…`` → ``17,36 %`` in fr-BE.

Values come from other services as strings; anything that does not parse is shown as it came (autoescaped).
The templates reach these through the filters ``|money``, ``|percent``, ``|number`` and ``|day``
(portal.entrypoints.rendering), in the language of the page."""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.dates import format_date
from babel import Locale
from babel.numbers import format_currency, format_decimal, format_percent

# English as written in Europe: day-month dates, but English figures ("€4,904.94", "17.36%"); en_BE would write
# "4.904,94 €", the Dutch/French notation an English reader does not expect (issue 15 item 2)
LOCALES = {"nl": "nl_BE", "fr": "fr_BE", "de": "de_BE", "en": "en_IE"}


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


def month(value: str, language: str, width: str = "MMM") -> str:
    """``2026-03`` → ``mrt.`` / ``mars`` / ``März`` / ``Mar``."""
    try:
        year, number = (int(p) for p in str(value).split("-")[:2])
        return format_date(date(year, number, 1), width, locale=LOCALES.get(language, LOCALES["en"]))
    except ValueError:
        return str(value)
