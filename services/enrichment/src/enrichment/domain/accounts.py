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


DECAY = 0.7  # weight of each older booking: one odd booking does not outweigh two before it, two in a row do


def _weights(lines: list[Learned]) -> dict[tuple[str, str | None], float]:
    order = sorted({(x.booked_on, x.seq, x.booking) for x in lines}, reverse=True)
    rank = {b[2]: k for k, b in enumerate(order)}
    weights: dict[tuple[str, str | None], float] = {}
    for x in lines:
        weights[(x.account, x.vat_code)] = weights.get((x.account, x.vat_code), 0.0) + DECAY ** rank[x.booking]
    return weights


def from_history(learned: tuple[Learned, ...], rate: Decimal | None) -> AccountChoice | None:
    """What the counterparty's final bookings at this rate say, the latest weighing most.

    A counterparty booked once is proposed as booked; a correction in the worklist is followed at once
    unless it contradicts two or more earlier bookings, then from the second booking in a row.
    """
    if not learned:
        return None
    same_rate = [x for x in learned if x.invoice_rate is None or rate is None or x.invoice_rate == rate]
    pool = same_rate or list(learned)
    weights = _weights(pool)
    (account, code), top = max(weights.items(), key=lambda kv: (kv[1], kv[0][0], kv[0][1] or ""))
    share = top / sum(weights.values())
    if not same_rate:
        return AccountChoice(account, None, round(0.4 + 0.3 * share, 3), "history_other_rate")
    bookings = len({x.booking for x in pool})
    return AccountChoice(account, code, round(min(0.97, 0.5 + 0.35 * share + 0.05 * min(bookings, 3)), 3), "history")


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
