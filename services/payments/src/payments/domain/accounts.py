"""Bank accounts and amounts of a payment, checked with python-stdnum (iban, bic, be.iban.to_bic)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.be import iban as be_iban
from stdnum.exceptions import ValidationError

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
                  name_required: bool = True) -> tuple[Account | None, dict[str, str]]:
    """The account, or the problems per field (``<field>.name``, ``.iban``, ``.bic``).

    A Belgian IBAN without BIC gets its bank's BIC from python-stdnum's registry.
    """
    problems: dict[str, str] = {}
    name = (name or "").strip()
    if name_required and not name:
        problems[f"{field}.name"] = "is required"
    elif len(name) > NAME_MAX:
        problems[f"{field}.name"] = f"at most {NAME_MAX} characters"
    try:
        iban_c = stdnum_iban.validate(iban or "")
    except ValidationError:
        problems[f"{field}.iban"] = "not a valid IBAN (country, check digits and bank code)"
        iban_c = ""
    bic_c = None
    if bic:
        try:
            bic_c = stdnum_bic.validate(bic)
        except ValidationError:
            problems[f"{field}.bic"] = "not a valid BIC (8 or 11 characters)"
    elif iban_c.startswith("BE"):
        bic_c = be_iban.to_bic(iban_c)
    if problems:
        return None, problems
    return Account(name=name, iban=iban_c, bic=bic_c), {}


def check_amount(value: object, *, field: str = "amount") -> tuple[Decimal | None, dict[str, str]]:
    """An amount in EUR: more than 0, at most two decimals, at most 999 999 999.99."""
    try:
        amount = Decimal(str(value)) if not isinstance(value, (float, bool)) else None
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        return None, {field: "must be a decimal amount in EUR such as '123.45'"}
    if amount <= 0:
        return None, {field: "must be more than 0"}
    if amount != amount.quantize(CENT):
        return None, {field: "at most two decimals (cents)"}
    if amount > AMOUNT_MAX:
        return None, {field: f"at most {AMOUNT_MAX}"}
    return amount.quantize(CENT), {}
