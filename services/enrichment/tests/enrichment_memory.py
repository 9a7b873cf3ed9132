"""The replica in memory: for unit tests and the evaluation (../bench/replay.py); kept in step with Postgres by one
shared test suite (tests/replica_contract.py). A test fake: it lives in tests/ and does not ship."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from enrichment.adapters import records
from enrichment.domain.currency import RatesStatus
from enrichment.domain.duplicates import Hit, kind_of
from enrichment.domain.learning import BookingFacts
from enrichment.domain.model import Book, ExchangeRate, Learned, ProposalRecord

LEARN_LIMIT = 20  # the latest bookings of a counterparty (and per word) that count


class MemoryReplica:
    """Everything in dictionaries; same behaviour as PgReplica (see tests/replica_contract.py)."""

    def __init__(self) -> None:
        self.profiles: dict[UUID, dict[str, Any]] = {}
        self.records: dict[UUID, dict[str, dict[str, dict]]] = defaultdict(lambda: defaultdict(dict))
        self.bookings: dict[tuple[UUID, str], BookingFacts] = {}
        self.booking_seq: dict[tuple[UUID, str], int] = {}
        self.keys: dict[UUID, list[tuple[str, UUID | None, str | None]]] = defaultdict(list)
        self.proposals: dict[UUID, tuple[UUID, ProposalRecord, bool]] = {}  # id -> (dossier, record, withdrawn)
        self.recognitions: set[UUID] = set()
        self.numbers: dict[tuple[UUID, str, str], int] = {}  # (dossier, journal, fiscal year) -> next number
        self.floors: dict[tuple[UUID, str, str], int] = {}  # ... -> the journal's next number the count last saw
        self.rates: dict[tuple[str, date], ExchangeRate] = {}
        self.fetch = RatesStatus(None, None)  # newest_day is computed from the rates
        self.fetch_claimed = False  # one unit of work at a time: a claim is held until rates_fetched/_failed
        self._seq = 0

    async def book(self, dossier_id: UUID) -> Book:
        rows = {kind: list(found.values()) for kind, found in self.records[dossier_id].items()}
        return records.book(self.profiles.get(dossier_id), rows)

    async def save_dossier(self, event) -> None:
        snap = event.dossier
        self.profiles[event.dossier_id] = {"settings": snap.settings.model_dump(mode="json"),
                                           "vat_number": snap.vat_number}

    async def upsert_records(self, dossier_id, kind, found) -> None:
        for key, data in found:
            self.records[dossier_id][kind][key] = data

    async def delete_record(self, dossier_id, kind, key) -> None:
        self.records[dossier_id][kind].pop(key, None)

    async def record_booking(self, dossier_id, facts: BookingFacts, keys) -> None:
        self._seq += 1
        self.bookings[(dossier_id, facts.reference)] = facts
        self.booking_seq[(dossier_id, facts.reference)] = self._seq
        self.keys[dossier_id] = [k for k in self.keys[dossier_id] if k[2] != facts.reference]
        self.keys[dossier_id] += [(key, facts.document_id, facts.reference) for key in keys]

    async def forget_booking(self, dossier_id, reference) -> None:
        self.bookings.pop((dossier_id, reference), None)
        self.keys[dossier_id] = [k for k in self.keys[dossier_id] if k[2] != reference]

    async def learned(self, dossier_id, reference, vat_number, limit=LEARN_LIMIT) -> tuple[Learned, ...]:
        mine = sorted(((facts.booked_on, self.booking_seq[(dossier, ref)], facts)
                       for (dossier, ref), facts in self.bookings.items()
                       if dossier == dossier_id and ((reference and facts.counterparty_reference == reference)
                                                     or (vat_number and facts.vat_number == vat_number))),
                      key=lambda t: (t[0], t[1]), reverse=True)[:limit]
        return tuple(Learned(f.reference, x.account, x.vat_code, x.invoice_rate, day, seq)
                     for day, seq, f in mine for x in f.lines)

    async def worded(self, dossier_id, words, limit=LEARN_LIMIT) -> tuple[Learned, ...]:
        latest = sorted(((facts.booked_on, self.booking_seq[(dossier, ref)], facts)
                         for (dossier, ref), facts in self.bookings.items() if dossier == dossier_id),
                        key=lambda t: (t[0], t[1]), reverse=True)
        chosen = {(day, seq, f.reference): f for word in words
                  for day, seq, f in [t for t in latest if word in t[2].words][:limit]}
        return tuple(Learned(f.reference, x.account, x.vat_code, x.invoice_rate, day, seq, f.words)
                     for (day, seq, _), f in chosen.items() for x in f.lines)

    async def remember_recognition(self, event_id, document_id) -> bool:
        fresh = event_id not in self.recognitions
        self.recognitions.add(event_id)
        return fresh

    async def active_proposal(self, document_id) -> ProposalRecord | None:
        return next((rec for _, rec, gone in self.proposals.values() if rec.document_id == document_id and not gone),
                    None)

    async def proposal_facts(self, proposal_id):
        found = self.proposals.get(proposal_id)
        return found[1] if found else None

    async def proposal_of(self, dossier_id, proposal_id):
        found = self.proposals.get(proposal_id)
        return found[1] if found and found[0] == dossier_id and not found[2] else None

    async def set_number(self, dossier_id, proposal_id, journal, document_number, fiscal_year) -> None:
        owner, record, withdrawn = self.proposals[proposal_id]
        self.proposals[proposal_id] = (owner, replace(record, journal=journal, document_number=document_number,
                                                      fiscal_year=fiscal_year), withdrawn)

    async def save_proposal(self, dossier_id, record: ProposalRecord, keys) -> None:
        self.proposals[record.proposal_id] = (dossier_id, record, False)
        self._release(dossier_id, record.document_id)
        self.keys[dossier_id] += [(key, record.document_id, None) for key in keys]

    async def withdraw(self, dossier_id, proposal_id, document_id) -> None:
        if proposal_id in self.proposals:
            self.proposals[proposal_id] = (dossier_id, self.proposals[proposal_id][1], True)
        self._release(dossier_id, document_id)

    def _release(self, dossier_id, document_id) -> None:
        self.keys[dossier_id] = [k for k in self.keys[dossier_id] if not (k[1] == document_id and k[2] is None)]

    async def duplicates(self, dossier_id, keys, document_id) -> tuple[Hit, ...]:
        wanted = set(keys)
        return tuple(dict.fromkeys(Hit(kind_of(k), doc, ref) for k, doc, ref in self.keys[dossier_id]
                                   if k in wanted and doc != document_id))

    async def next_number(self, dossier_id, journal, fiscal_year, seed, floor) -> int:
        number = max(self.numbers.get((dossier_id, journal, fiscal_year), 1), seed)
        self.numbers[(dossier_id, journal, fiscal_year)] = number + 1
        self.floors[(dossier_id, journal, fiscal_year)] = floor
        return number

    async def numbered_years(self, dossier_id, journal) -> dict[str, int]:
        return {y: self.floors[(d, j, y)] for d, j, y in self.numbers if (d, j) == (dossier_id, journal)}

    async def counters(self, dossier_id) -> dict[tuple[str, str], tuple[int, int]]:
        return {(j, y): (n, self.floors[(d, j, y)]) for (d, j, y), n in self.numbers.items() if d == dossier_id}

    async def rate(self, currency, day, max_age_days) -> ExchangeRate | None:
        for back in range(max_age_days + 1):
            found = self.rates.get((currency, day - timedelta(days=back)))
            if found:
                return found
        return None

    async def save_rates(self, rates) -> int:
        for r in rates:
            self.rates[(r.currency, r.day)] = r
        return len(rates)

    async def seed_rates(self, rates) -> int:
        for r in rates:
            self.rates.setdefault((r.currency, r.day), r)
        return len(rates)

    async def hold_rates(self) -> None:
        return None  # one unit of work at a time in memory

    async def claim_rates_fetch(self, now, published) -> int | None:
        f = self.fetch
        due = ((f.fetched_at is None or f.fetched_at < published) and (f.retry_at is None or f.retry_at <= now)
               and not any(day >= published.date() for _, day in self.rates))
        if not due or self.fetch_claimed:
            return None
        self.fetch_claimed = True
        return f.failures

    async def rates_fetched(self, now) -> None:
        self.fetch, self.fetch_claimed = RatesStatus(now, None), False

    async def rates_fetch_failed(self, retry_at, reason) -> None:
        f = self.fetch
        self.fetch, self.fetch_claimed = RatesStatus(f.fetched_at, None, f.failures + 1, retry_at, reason), False

    async def rates_status(self) -> RatesStatus:
        f = self.fetch
        return RatesStatus(f.fetched_at, max((day for _, day in self.rates), default=None), f.failures, f.retry_at,
                           f.last_error)
