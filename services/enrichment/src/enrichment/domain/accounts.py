"""ENR-2 GL accounts: from what the office booked before for the counterparty, else the office schema."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from enrichment.domain.model import Direction, Learned, SchemaEntry
from enrichment.domain.names import tokens
from enrichment.domain.words import words_of

_CLASSES = {"purchase": ("2", "6"), "sale": ("7",)}


@dataclass(frozen=True)
class AccountChoice:
    """An account (None: unsure), the VAT code that came with it when learnt, how sure and why."""

    account: str | None
    vat_code: str | None
    confidence: float
    via: str  # history | history_other_rate | words | schema | none


DECAY = 0.7  # weight of each older booking: one odd booking does not outweigh two before it, two in a row do


def weights(lines: list[Learned], decay: float = DECAY) -> dict[tuple[str, str | None], float]:
    """Votes per (account, VAT code): decay**k for a line of the k-th most recent booking."""
    order = sorted({(x.booked_on, x.seq, x.booking) for x in lines}, reverse=True)
    rank = {b[2]: k for k, b in enumerate(order)}
    votes: dict[tuple[str, str | None], float] = {}
    for x in lines:
        votes[(x.account, x.vat_code)] = votes.get((x.account, x.vat_code), 0.0) + decay ** rank[x.booking]
    return votes


def at_rate(lines, rate: Decimal | None) -> list[Learned]:
    """The lines booked at the invoice rate (or whose rate is unknown)."""
    return [x for x in lines if x.invoice_rate is None or rate is None or x.invoice_rate == rate]


def from_history(learned: tuple[Learned, ...], rate: Decimal | None) -> AccountChoice | None:
    """What the counterparty's final bookings at this rate say, the latest weighing most.

    A counterparty booked once is proposed as booked; a correction in the worklist is followed at once
    unless it contradicts two or more earlier bookings, then from the second booking in a row.
    """
    if not learned:
        return None
    same_rate = at_rate(learned, rate)
    pool = same_rate or list(learned)
    votes = weights(pool)
    (account, code), top = max(votes.items(), key=lambda kv: (kv[1], kv[0][0], kv[0][1] or ""))
    share = top / sum(votes.values())
    if not same_rate:
        return AccountChoice(account, None, round(0.4 + 0.3 * share, 3), "history_other_rate")
    bookings = len({x.booking for x in pool})
    return AccountChoice(account, code, round(min(0.97, 0.5 + 0.35 * share + 0.05 * min(bookings, 3)), 3), "history")


def from_schema(schema: tuple[SchemaEntry, ...], words: tuple[str, ...], direction: Direction) -> AccountChoice | None:
    """The schema entry sharing most words (4+ letters) with the document's descriptions and counterparty."""
    wanted = set(words_of(words, limit=None))
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


WORD_DECAY = 0.85  # dossier-wide, a word's bookings come from many counterparties: a gentler recency
WORD_MIN_VOTES = 1.5  # at least one and a half words' worth of agreeing bookings
WORD_CLEAR = 2.0  # and twice the votes of the next (account, VAT code)


def from_words(worded: tuple[Learned, ...], words: tuple[str, ...], rate: Decimal | None) -> AccountChoice | None:
    """What the dossier's bookings sharing the document's words say, when they say it clearly.

    Every word votes once, split over the (account, VAT code) pairs its bookings got at this rate (the latest
    weighing most); the winner needs WORD_MIN_VOTES and WORD_CLEAR times the runner-up's votes.
    """
    pool = at_rate(worded, rate)
    votes: dict[tuple[str, str | None], float] = {}
    for word in set(words):
        mine = weights([x for x in pool if word in x.words], WORD_DECAY)
        total = sum(mine.values())
        for pair, v in mine.items():
            votes[pair] = votes.get(pair, 0.0) + v / total
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1] or ""))
    (account, code), top = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if top < WORD_MIN_VOTES or top < WORD_CLEAR * runner_up:
        return None
    return AccountChoice(account, code, round(min(0.8, 0.4 + 0.4 * top / sum(votes.values())), 3), "words")
