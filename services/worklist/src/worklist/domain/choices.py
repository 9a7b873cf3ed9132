"""What a proposal may be set to: the dossier's chart, journals, periods, VAT codes and counterparties.

Built from the replica of the accounting software's master data (ledger.synced) and the dossier's
settings (extra accounts, journals). A kind with no records at all is not checked: nothing is known yet.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

JOURNAL_TYPE_OF_MAILBOX = {"purchases": "purchases", "sales": "sales"}


@dataclass(frozen=True)
class Choices:
    """The values edits are checked against; each mapping is keyed by code (counterparties: reference)."""

    accounts: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    extra_accounts: frozenset[str] = frozenset()
    journals: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    periods: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    vat_codes: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    counterparties: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    suspense_prefixes: tuple[str, ...] = ("499",)

    def is_suspense(self, account: str) -> bool:
        """Whether an account is the suspense account (PCMN class 499: 'comptes d'attente')."""
        return any(account.startswith(prefix) for prefix in self.suspense_prefixes)

    def account_known(self, code: str) -> bool:
        return not self.accounts or code in self.accounts or code in self.extra_accounts

    def vat_code_known(self, code: str) -> bool:
        return not self.vat_codes or code in self.vat_codes

    def checked(self) -> dict[str, bool]:
        """Which kinds edits are checked against (False: nothing known yet)."""
        return {"accounts": bool(self.accounts), "journals": bool(self.journals), "periods": bool(self.periods),
                "vat_codes": bool(self.vat_codes)}
