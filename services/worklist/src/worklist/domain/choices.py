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


MASTER_KINDS = {"accounts": "code", "journals": "code", "periods": "code", "vat_codes": "code",
                "counterparties": "reference"}
"""The kinds of master data the worklist keeps, each with the field that keys its records."""


def choices_of(settings: Mapping[str, Any], records: Mapping[str, Mapping[str, Mapping[str, Any]]], *,
               suspense_prefixes: tuple[str, ...] = ("499",)) -> Choices:
    """The Choices of a dossier from its settings (extra accounts, journals) and its master records by kind and
    key (inactive accounts, journals and VAT codes left out)."""
    def active(kind: str) -> dict[str, Mapping[str, Any]]:
        return {k: v for k, v in (records.get(kind) or {}).items() if v.get("active", True)}

    journals: dict[str, Mapping[str, Any]] = {
        code: {"code": code, "type": j.get("type"), "name": j.get("name")} for code, j in active("journals").items()}
    for setting in settings.get("journals") or ():
        if setting.get("active", True):
            journals.setdefault(setting["alias"], {"code": setting["alias"], "type": setting["type"],
                                                   "name": setting.get("description")})
    return Choices(accounts=active("accounts"), extra_accounts=frozenset(settings.get("extra_accounts") or ()),
                   journals=journals, periods=dict(records.get("periods") or {}), vat_codes=active("vat_codes"),
                   counterparties=dict(records.get("counterparties") or {}), suspense_prefixes=suspense_prefixes)


def counterparty_search_text(data: Mapping[str, Any]) -> str:
    """What the counterparty search looks in (WL-7): name, VAT and enterprise number, lower case."""
    return " ".join(str(v).lower() for v in (data.get("name"), data.get("vat_number"), data.get("enterprise_number"))
                    if v)
