"""SYN-8: the account changes a sync finds in the accounting software (the master), flagged for the office to review
and accept — an account created, changed (name, kind, closed...) or removed since the last sync. Pure."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from contracts.events.ledger import AccountRecord

from sync_connector.domain.changes import hash_of, key_of


@dataclass(frozen=True)
class AccountChange:
    """One account as the sync found it: its code, what happened, and its name and kind now (None when removed)."""

    code: str
    change: Literal["created", "updated", "deleted"]
    name: str | None = None
    kind: str | None = None


def account_changes(current: Iterable[AccountRecord], published: Mapping[str, str]) -> list[AccountChange]:
    """The accounts that differ from what was last published (``published``: code -> hash), by code. Nothing when
    nothing was published yet (the activation's import is the dossier's chart, not a change to review)."""
    if not published:
        return []
    found: list[AccountChange] = []
    seen = set()
    for account in current:
        code = key_of("accounts", account)
        seen.add(code)
        if code not in published:
            found.append(AccountChange(code, "created", account.name, account.kind))
        elif published[code] != hash_of(account):
            found.append(AccountChange(code, "updated", account.name, account.kind))
    found += [AccountChange(code, "deleted") for code in published if code not in seen]
    return sorted(found, key=lambda c: c.code)
