"""The replica a use case works on: one Protocol, implemented on Postgres and in memory (tests/enrichment_memory.py,
for tests and the evaluation; not shipped)."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Protocol
from uuid import UUID

from contracts.events.dossiers import DossierChanged

from enrichment.domain.currency import RatesStatus
from enrichment.domain.duplicates import Hit
from enrichment.domain.learning import BookingFacts
from enrichment.domain.model import Book, ExchangeRate, Learned, ProposalRecord


class Replica(Protocol):
    """Per-dossier master data, settings, booking history, duplicate index and number counters.

    Every method runs inside the caller's unit of work (one transaction on Postgres): what one
    event changes is applied completely or not at all.
    """

    async def book(self, dossier_id: UUID) -> Book:
        """Settings and master data of the dossier (empty when never heard of)."""

    async def save_dossier(self, event: DossierChanged) -> None:
        """Replace what is known of the dossier (its settings and VAT number among it) with office's snapshot."""

    async def upsert_records(self, dossier_id: UUID, kind: str, records: list[tuple[str, dict[str, Any]]]) -> None:
        """Insert or replace master-data records of one kind, by key."""

    async def delete_record(self, dossier_id: UUID, kind: str, key: str) -> None:
        """Forget one master-data record."""

    async def record_booking(self, dossier_id: UUID, facts: BookingFacts, keys: tuple[str, ...]) -> None:
        """Replace what is known of a final booking: its learnable lines, its words and duplicate keys."""

    async def forget_booking(self, dossier_id: UUID, reference: str) -> None:
        """A booking was deleted in the accounting software."""

    async def learned(self, dossier_id: UUID, reference: str | None, vat_number: str | None) -> tuple[Learned, ...]:
        """The lines of the counterparty's latest final bookings (found by its reference or its VAT number)."""

    async def worded(self, dossier_id: UUID, words: tuple[str, ...]) -> tuple[Learned, ...]:
        """The lines of the dossier's latest final bookings (per word, the latest 20) sharing one of the words,
        each with its booking's words."""

    async def remember_recognition(self, event_id: UUID, document_id: UUID) -> bool:
        """Record a document.recognized event as applied; False when it already was (by any consumer)."""

    async def active_proposal(self, document_id: UUID) -> ProposalRecord | None:
        """The proposal already made for the document, unless it was withdrawn."""

    async def proposal_facts(self, proposal_id: UUID) -> ProposalRecord | None:
        """A proposal of ours, also when withdrawn: its document, the counterparty VAT number, its words."""

    async def proposal_of(self, dossier_id: UUID, proposal_id: UUID) -> ProposalRecord | None:
        """A live (not withdrawn) proposal of the dossier; None for another dossier's."""

    async def set_number(self, dossier_id: UUID, proposal_id: UUID, journal: str, document_number: str,
                         fiscal_year: str) -> None:
        """The proposal now holds this number of the journal's count in that fiscal year (ENR-4 renumbering)."""

    async def save_proposal(self, dossier_id: UUID, record: ProposalRecord, keys: tuple[str, ...]) -> None:
        """Remember (or supersede) the proposal and index the document under its duplicate keys only."""

    async def withdraw(self, dossier_id: UUID, proposal_id: UUID, document_id: UUID) -> None:
        """The proposal was deleted: release its duplicate keys; a new proposal may be made for the document."""

    async def duplicates(self, dossier_id: UUID, keys: tuple[str, ...], document_id: UUID) -> tuple[Hit, ...]:
        """Other documents and bookings of the dossier sharing a key with this document."""

    async def next_number(self, dossier_id: UUID, journal: str, fiscal_year: str, seed: int, floor: int) -> int:
        """Hand out the journal's next number in the fiscal year (never twice); the counter starts at or jumps to
        `seed`, and remembers `floor` (the journal's next number it has seen)."""

    async def numbered_years(self, dossier_id: UUID, journal: str) -> dict[str, int]:
        """The fiscal years in which the journal has handed out numbers, each with the floor its count last saw."""

    async def counters(self, dossier_id: UUID) -> dict[tuple[str, str], tuple[int, int]]:
        """Of each (journal, fiscal year) the dossier numbered in: its next number and the floor its count last saw."""

    async def rate(self, currency: str, day: date, max_age_days: int) -> ExchangeRate | None:
        """The latest rate of the currency published on or before `day`, at most `max_age_days` old."""

    async def save_rates(self, rates: list[ExchangeRate]) -> int:
        """Insert or replace reference rates; returns how many."""

    async def seed_rates(self, rates: list[ExchangeRate]) -> int:
        """Insert the reference rates not stored yet (a stored one is kept); returns how many were given."""

    async def hold_rates(self) -> None:
        """Wait for and hold the rates until the caller's transaction ends (instances seeding at once: one at a time)."""

    async def claim_rates_fetch(self, now: datetime, published: datetime) -> int | None:
        """Claim the scheduled rates fetch, held until the caller's transaction ends; None when it is not due
        (fetched since `published`, a rate of that day already stored, a retry not before later than `now`) or
        another transaction holds it. Else the failed attempts in a row so far."""

    async def rates_fetched(self, now: datetime) -> None:
        """The claimed fetch worked: remember when; the failures are over."""

    async def rates_fetch_failed(self, retry_at: datetime, reason: str) -> None:
        """The claimed fetch failed: one more failure, with its reason; no attempt before `retry_at`."""

    async def rates_status(self) -> RatesStatus:
        """How current the stored rates are (the last fetch, the newest rate's day, the failures since)."""
