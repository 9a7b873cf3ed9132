"""ENR-2 GL accounts: from what the office booked before for the counterparty, else the office schema."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from enrichment.domain.model import Direction, Learned, SchemaEntry
from enrichment.domain.names import tokens

_CLASSES = {"purchase": ("2", "6"), "sale": ("7",)}


@dataclass(frozen=True)
class AccountChoice:
    """An account (None: unsure), the VAT code that came with it when learnt, how sure and why."""

    account: str | None
    vat_code: str | None
    confidence: float
    via: str  # history | history_other_rate | schema | none


def from_history(learned: tuple[Learned, ...], rate: Decimal | None) -> AccountChoice | None:
    """The latest booking of the counterparty at this rate decides; two agreeing bookings make it surer."""
    if not learned:
        return None
    recent = sorted(learned, key=lambda x: (x.last_booked, x.last_seq), reverse=True)
    same_rate = [x for x in recent if x.invoice_rate is None or rate is None or x.invoice_rate == rate]
    if same_rate:
        top = same_rate[0]
        return AccountChoice(top.account, top.vat_code, 0.95 if top.bookings >= 2 else 0.85, "history")
    return AccountChoice(recent[0].account, None, 0.6, "history_other_rate")


def from_schema(schema: tuple[SchemaEntry, ...], words: tuple[str, ...], direction: Direction) -> AccountChoice | None:
    """The schema entry sharing most words (4+ letters) with the document's descriptions and counterparty."""
    wanted = {w for text in words for w in tokens(text) if len(w) >= 4}
    best: tuple[int, str] | None = None
    for entry in schema:
        if not entry.account.startswith(_CLASSES[direction]):
            continue
        own = {w for text in (entry.description, entry.extra_info, entry.rubric) if text for w in tokens(text)}
        hits = len(wanted & own)
        if hits and (best is None or (hits, entry.account) > best):
            best = (hits, entry.account)
    if best is None:
        return None
    return AccountChoice(best[1], None, min(0.7, 0.4 + 0.1 * best[0]), "schema")
