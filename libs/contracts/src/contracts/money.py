"""Money and other exact decimals on the wire: `Decimal` in Python, a JSON string, never a float."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, PlainSerializer, StringConstraints, WithJsonSchema

DECIMAL_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"
_DECIMAL_RE = re.compile(DECIMAL_PATTERN)


def _refuse_inexact(value: Any) -> Any:
    """Let only exact inputs through: str in plain decimal notation, int or Decimal."""
    if isinstance(value, (bool, float)):
        raise ValueError(f"an exact decimal must be a string, int or Decimal, not {type(value).__name__}")
    if isinstance(value, str) and not _DECIMAL_RE.fullmatch(value):
        raise ValueError(f"{value!r} is not a plain decimal such as '1234.50'")
    return value


def _require_finite(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError("an exact decimal must be finite")
    return value


def _plain(value: Decimal) -> str:
    """Fixed-point notation keeps the scale ('12.50') and never uses exponents."""
    return format(value, "f")


def _decimal_string(description: str, example: str) -> Any:
    return Annotated[
        Decimal,
        BeforeValidator(_refuse_inexact),
        AfterValidator(_require_finite),
        PlainSerializer(_plain, return_type=str, when_used="json"),
        WithJsonSchema({"type": "string", "pattern": DECIMAL_PATTERN, "description": description,
                        "examples": [example]}),
    ]


Money = _decimal_string("Amount as a decimal string, never a float", "1234.50")
"""An amount of money: `Decimal` in Python, a decimal string such as "1234.50" in JSON."""

Rate = _decimal_string("Exact decimal as a string (percentage, exchange rate, quantity)", "21")
"""A percentage, exchange rate or quantity, exact like `Money` (VAT rate "21", quantity "2.5")."""

Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
"""An ISO 4217 currency code such as "EUR"."""

