"""The dossier's own bank accounts to pay from (issue 17 item 2, PAY-2, PAY-3): which one is the default, and the
account a SEPA file is made from when the caller names none or only its IBAN. No I/O."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from payments.domain.accounts import NAME_MAX, Account, check_account
from payments.domain.errors import Code, InvalidPayment, Problem


@dataclass(frozen=True)
class DebtorAccount:
    """One account of the dossier: where it was learnt (accounting software, bank statement, SEPA file), when it
    was last seen, and when a SEPA file was last made from it."""

    iban: str
    bic: str | None
    name: str | None
    source: str
    seen_at: datetime
    last_used_at: datetime | None = None


def ordered(accounts: Iterable[DebtorAccount]) -> list[DebtorAccount]:
    """The picker's order: the default first (the account last paid from, else the one the bank or the accounting
    software showed last), then the others by IBAN."""
    accounts = list(accounts)
    first = default(accounts)
    return ([first] if first else []) + sorted((a for a in accounts if a is not first), key=lambda a: a.iban)


def default(accounts: Sequence[DebtorAccount]) -> DebtorAccount | None:
    """The account last used for a SEPA file; else the one seen last; None when the dossier has none."""
    used = [a for a in accounts if a.last_used_at is not None]
    if used:
        return max(used, key=lambda a: (a.last_used_at, a.iban))
    return max(accounts, key=lambda a: (a.seen_at, a.iban)) if accounts else None


def account_for(iban: str | None, bic: str | None, name: str | None, known: Sequence[DebtorAccount],
                holder: str, *, field: str = "debtor") -> Account:
    """The account to pay from: the IBAN given (a known account lends its name and BIC), else the dossier's
    default; the holder's name defaults to the dossier's name. InvalidPayment naming ``<field>.iban`` when no IBAN
    is given and the dossier has no account, or when what is given is not a valid account."""
    if not (iban or "").strip():
        chosen = default(known)
        if chosen is None:
            raise InvalidPayment({f"{field}.iban": Problem(
                Code.DEBTOR_REQUIRED, "the dossier has no known bank account: give the account to pay from")})
        iban, bic = chosen.iban, bic or chosen.bic
    compact = iban.replace(" ", "").upper()
    same = next((a for a in known if a.iban == compact), None)
    account, problems = check_account(name or (same and same.name) or holder[:NAME_MAX], iban,
                                      bic or (same and same.bic), field=field)
    if problems:
        raise InvalidPayment(problems)
    assert account is not None
    return account


def shared(accounts: Iterable[Account | None]) -> Account | None:
    """The one from-account every payment of a selection names, or None (none named, or several)."""
    found = {a for a in accounts}
    return found.pop() if len(found) == 1 else None
