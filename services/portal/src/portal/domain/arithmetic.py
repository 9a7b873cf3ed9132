"""Sums typed into number fields (WL-8: ``12+25`` → 37), checked on the server as the browser does them.

Only numbers, ``+ - * /``, parentheses and spaces; a decimal comma or point ("12,50" or "12.50");
at most 200 characters. The result is a Decimal rounded to cents. Anything else is refused with
``ArithmeticInputError`` naming the problem, never evaluated by Python.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, DivisionByZero, InvalidOperation

MAX_LENGTH = 200
CENT = Decimal("0.01")
_TOKEN = re.compile(r"\s*(?:(\d+(?:[.,]\d+)?|[.,]\d+)|(.))")


class ArithmeticInputError(ValueError):
    """The text is not a number or a sum of numbers."""


def evaluate(text: str) -> Decimal:
    """The value of a number or a sum such as ``12+25`` or ``(100 - 21,5) * 2`` to the cent."""
    source = (text or "").strip()
    if not source:
        raise ArithmeticInputError("empty")
    if len(source) > MAX_LENGTH:
        raise ArithmeticInputError("too long")
    tokens = _tokens(source)
    parser = _Parser(tokens)
    try:
        value = parser.expression()
    except (InvalidOperation, DivisionByZero, ZeroDivisionError) as exc:
        raise ArithmeticInputError("not a number") from exc
    if parser.position != len(tokens):
        raise ArithmeticInputError("unexpected input")
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def is_sum(text: str) -> bool:
    """Whether the text asks for a calculation (an operator after its first character)."""
    return any(op in (text or "").strip()[1:] for op in "+-*/")


def _tokens(source: str) -> list[str | Decimal]:
    tokens: list[str | Decimal] = []
    for match in _TOKEN.finditer(source):
        number, other = match.groups()
        if number is not None:
            tokens.append(Decimal(number.replace(",", ".")))
        elif other is not None and other in "+-*/()":
            tokens.append(other)
        elif other is not None and not other.isspace():
            raise ArithmeticInputError(f"unexpected {other!r}")
    return tokens


class _Parser:
    """Recursive descent over ``expression := term (('+'|'-') term)*``, ``term := factor (('*'|'/') factor)*``."""

    def __init__(self, tokens: list[str | Decimal]) -> None:
        self.tokens, self.position = tokens, 0

    def _peek(self) -> str | Decimal | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def _take(self) -> str | Decimal:
        token = self._peek()
        if token is None:
            raise ArithmeticInputError("incomplete")
        self.position += 1
        return token

    def expression(self) -> Decimal:
        value = self.term()
        while self._peek() in ("+", "-"):
            value = value + self.term() if self._take() == "+" else value - self.term()
        return value

    def term(self) -> Decimal:
        value = self.factor()
        while self._peek() in ("*", "/"):
            if self._take() == "*":
                value = value * self.factor()
            else:
                divisor = self.factor()
                if divisor == 0:
                    raise ArithmeticInputError("division by zero")
                value = value / divisor
        return value

    def factor(self) -> Decimal:
        token = self._take()
        if isinstance(token, Decimal):
            return token
        if token == "-":
            return -self.factor()
        if token == "+":
            return self.factor()
        if token == "(":
            value = self.expression()
            if self._take() != ")":
                raise ArithmeticInputError("missing )")
            return value
        raise ArithmeticInputError(f"unexpected {token!r}")
