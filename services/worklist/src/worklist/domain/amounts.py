"""Amounts typed in number fields (WL-8): a number or small arithmetic such as '12+25' or '(100-4)*1,21'."""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, DivisionByZero, InvalidOperation

_TOKEN = re.compile(r"\s*(?:(\d+(?:[.,]\d*)?|[.,]\d+)|(.))")
CENT = Decimal("0.01")
MAX_LENGTH = 100


class BadAmount(ValueError):
    """The text is not a number nor arithmetic on numbers; the message says what is wrong."""


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    for number, other in _TOKEN.findall(text):
        if number:
            out.append(number.replace(",", "."))
        elif other.strip():
            if other not in "+-*/()":
                raise BadAmount(f"{other!r} is not allowed in an amount (digits, + - * / and parentheses only)")
            out.append(other)
    return out


class _Parser:
    """expr := term (('+'|'-') term)*; term := factor (('*'|'/') factor)*; factor := ('+'|'-') factor | number | '(' expr ')'."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens, self.pos = tokens, 0

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str:
        token = self.peek()
        if token is None:
            raise BadAmount("the amount ends too early")
        self.pos += 1
        return token

    def expr(self) -> Decimal:
        value = self.term()
        while self.peek() in ("+", "-"):
            value = value + self.term() if self.take() == "+" else value - self.term()
        return value

    def term(self) -> Decimal:
        value = self.factor()
        while self.peek() in ("*", "/"):
            op, right = self.take(), self.factor()
            value = value * right if op == "*" else value / right
        return value

    def factor(self) -> Decimal:
        token = self.take()
        if token in ("+", "-"):
            inner = self.factor()
            return inner if token == "+" else -inner
        if token == "(":
            value = self.expr()
            if self.peek() != ")":
                raise BadAmount("a parenthesis is not closed")
            self.take()
            return value
        if token in "*/)":
            raise BadAmount(f"{token!r} is misplaced")
        return Decimal(token)


def evaluate(value: object, *, places: Decimal | None = CENT) -> Decimal:
    """The decimal a field's input stands for, rounded to cents (or not, with places=None)."""
    if isinstance(value, bool) or value is None:
        raise BadAmount("an amount is needed")
    if isinstance(value, (int, Decimal)):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, str):
        if not value.strip():
            raise BadAmount("an amount is needed")
        if len(value) > MAX_LENGTH:
            raise BadAmount(f"an amount is at most {MAX_LENGTH} characters")
        parser = _Parser(_tokens(value))
        try:
            result = parser.expr()
        except (DivisionByZero, InvalidOperation) as exc:
            raise BadAmount("division by zero") from exc
        if parser.peek() is not None:
            raise BadAmount(f"unexpected {parser.peek()!r}")
    else:
        raise BadAmount("an amount must be a number or a text such as '12+25'")
    if not result.is_finite():
        raise BadAmount("the amount is not finite")
    return result.quantize(places, rounding=ROUND_HALF_UP) if places is not None else result.normalize()
