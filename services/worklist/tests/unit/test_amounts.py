"""WL-8: arithmetic typed in number fields."""
from decimal import Decimal

import pytest

from worklist.domain.amounts import BadAmount, evaluate


@pytest.mark.parametrize("text, value", [
    ("12+25", "37.00"), ("12,5", "12.50"), ("(100-4)*1,21", "116.16"), ("-3", "-3.00"), ("10/3", "3.33"),
    ("  7 ", "7.00"), (".5", "0.50"), (12, "12.00"), ("2*-3", "-6.00"), (1.1, "1.10"),
])
def test_evaluates_numbers_and_arithmetic_to_cents(text, value):
    assert evaluate(text) == Decimal(value)


@pytest.mark.parametrize("text, message", [
    ("12+", "ends too early"), ("1/0", "division by zero"), ("abc", "not allowed"), ("(1+2", "not closed"),
    ("", "needed"), ("1 2", "unexpected"), ("__import__('os')", "not allowed"), ("9" * 101, "at most"),
])
def test_refuses_anything_else_naming_the_problem(text, message):
    with pytest.raises(BadAmount, match=message):
        evaluate(text)


def test_rates_keep_their_precision():
    assert format(evaluate("5,5", places=None), "f") == "5.5"
    assert format(evaluate("21", places=None), "f") == "21"
