"""Unit tests of Money: Decimal in Python, a string on the wire, never a float."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
from pydantic import ValidationError

from contracts.envelope import ContractModel
from contracts.events import ALL_EVENTS
from contracts.money import DECIMAL_PATTERN, Currency, Money


class Priced(ContractModel):
    amount: Money
    currency: Currency = "EUR"


@pytest.mark.parametrize("given, expected", [
    ("1234.50", Decimal("1234.50")), (12, Decimal("12")), (Decimal("0.01"), Decimal("0.01")),
    ("-5.00", Decimal("-5.00")), ("0", Decimal("0")),
])
def test_money_accepts_exact_inputs(given, expected):
    assert Priced(amount=given).amount == expected
    assert isinstance(Priced(amount=given).amount, Decimal)


@pytest.mark.parametrize("given", [12.5, 0.1, True, "1e3", "12,50", " 12", "NaN", "Infinity", Decimal("NaN")])
def test_money_refuses_floats_and_sloppy_strings(given):
    with pytest.raises(ValidationError, match="amount"):
        Priced(amount=given)


def test_money_is_serialised_as_a_string_keeping_its_scale():
    data = json.loads(Priced(amount=Decimal("121.50")).model_dump_json())
    assert data["amount"] == "121.50" and isinstance(data["amount"], str)
    assert json.loads(Priced(amount=Decimal("1E+2")).model_dump_json())["amount"] == "100"
    assert Priced(amount="3.10").model_dump()["amount"] == Decimal("3.10")


def test_money_json_schema_is_a_decimal_string():
    schema = Priced.model_json_schema()["properties"]["amount"]
    assert schema["type"] == "string" and schema["pattern"] == DECIMAL_PATTERN


def test_currency_is_iso_4217_shaped():
    assert Priced(amount=1, currency="USD").currency == "USD"
    for bad in ("eur", "EURO", "€"):
        with pytest.raises(ValidationError, match="currency"):
            Priced(amount=1, currency=bad)


def test_no_event_has_a_float_except_confidences_and_page_boxes():
    """Money is never a float anywhere (REC-3 totals, PAY-2 amounts, WL-8 lines)."""
    allowed = {"confidence", "x0", "y0", "x1", "y1"}
    offenders = []
    for event in ALL_EVENTS:
        schema = event.model_json_schema()
        for name, node in _properties(schema):
            if _has_number(node) and name not in allowed:
                offenders.append(f"{event.__name__}.{name}")
    assert offenders == []


def _properties(schema):
    for model in [schema, *schema.get("$defs", {}).values()]:
        yield from model.get("properties", {}).items()


def _has_number(node) -> bool:
    if node.get("type") == "number":
        return True
    return any(_has_number(alt) for alt in node.get("anyOf", []))
