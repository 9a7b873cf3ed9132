"""Bank accounts and amounts of a payment, checked with python-stdnum (iban, bic, be.iban.to_bic)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.be import iban as be_iban
from stdnum.exceptions import ValidationError

from payments.domain.errors import Code, Problem

NAME_MAX = 70  # EPC QR and Belgian banks' pain.001 limit for names
AMOUNT_MAX = Decimal("999999999.99")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Account:
    """A holder's name, IBAN (compact) and BIC (None when unknown and not derivable)."""

    name: str
    iban: str
    bic: str | None = None


def check_account(name: str | None, iban: str | None, bic: str | None, *, field: str,
                  name_required: bool = True) -> tuple[Account | None, dict[str, Problem]]:
    """The account, or the problems per field (``<field>.name``, ``.iban``, ``.bic``).

    A Belgian IBAN without BIC gets its bank's BIC from python-stdnum's registry.
    """
    problems: dict[str, Problem] = {}
    name = (name or "").strip()
    if name_required and not name:
        problems[f"{field}.name"] = Problem(Code.REQUIRED, "is required")
    elif len(name) > NAME_MAX:
        problems[f"{field}.name"] = Problem(Code.TOO_LONG, f"at most {NAME_MAX} characters", max=NAME_MAX)
    try:
        iban_c = stdnum_iban.validate(iban or "")
    except ValidationError:
        problems[f"{field}.iban"] = Problem(Code.IBAN, "not a valid IBAN (country, check digits and bank code)")
        iban_c = ""
    bic_c = None
    if bic:
        try:
            bic_c = stdnum_bic.validate(bic)
        except ValidationError:
            problems[f"{field}.bic"] = Problem(Code.BIC, "not a valid BIC (8 or 11 characters)")
    elif iban_c.startswith("BE"):
        bic_c = be_iban.to_bic(iban_c)
    if problems:
        return None, problems
    return Account(name=name, iban=iban_c, bic=bic_c), {}


def check_amount(value: object, *, field: str = "amount") -> tuple[Decimal | None, dict[str, Problem]]:
    """An amount in EUR: more than 0, at most two decimals, at most 999 999 999.99."""
    try:
        amount = Decimal(str(value)) if not isinstance(value, (float, bool)) else None
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        return None, {field: Problem(Code.AMOUNT_FORMAT, "must be a decimal amount in EUR such as '123.45'")}
    if amount <= 0:
        return None, {field: Problem(Code.AMOUNT_NOT_POSITIVE, "must be more than 0")}
    if amount != amount.quantize(CENT):
        return None, {field: Problem(Code.AMOUNT_CENTS, "at most two decimals (cents)")}
    if amount > AMOUNT_MAX:
        return None, {field: Problem(Code.AMOUNT_TOO_LARGE, f"at most {AMOUNT_MAX}", limit=AMOUNT_MAX)}
    return amount.quantize(CENT), {}
