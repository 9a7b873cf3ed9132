"""Amounts and dates as each portal language writes them (babel): ``1234.5`` → ``€ 1.234,50`` in nl-BE.

Values come from other services as strings; anything that does not parse is shown as it came (autoescaped)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.dates import format_date
from babel.numbers import format_currency

LOCALES = {"nl": "nl_BE", "fr": "fr_BE", "de": "de_BE", "en": "en_BE"}


def decimal_of(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def money(value: Any, language: str) -> str:
    """An amount in euro in the language's notation; what does not parse, as given; none: empty."""
    if value is None or value == "":
        return ""
    amount = decimal_of(value)
    if amount is None:
        return str(value)
    return format_currency(amount, "EUR", locale=LOCALES.get(language, "en_BE"))


def day(value: Any, language: str) -> str:
    """An ISO date (or timestamp) as the language writes it, medium length; empty when there is none."""
    if not value:
        return ""
    try:
        return format_date(date.fromisoformat(str(value)[:10]), "medium", locale=LOCALES.get(language, "en_BE"))
    except ValueError:
        return str(value)


def month(value: str, language: str, width: str = "MMM") -> str:
    """``2026-03`` → ``mrt.`` / ``mars`` / ``März`` / ``Mar``."""
    try:
        year, number = (int(p) for p in str(value).split("-")[:2])
        return format_date(date(year, number, 1), width, locale=LOCALES.get(language, "en_BE"))
    except ValueError:
        return str(value)
