"""The replica on Postgres (asyncpg), bound to the connection of the event's transaction."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from uuid import UUID

import asyncpg
from runtime import replica as dossiers

from enrichment.adapters import records
from enrichment.domain.currency import RatesStatus
from enrichment.domain.duplicates import Hit, kind_of
from enrichment.domain.learning import BookingFacts
from enrichment.domain.model import Book, ExchangeRate, Learned, ProposalRecord

LEARN_LIMIT = 20  # the latest bookings of a counterparty (and per word) that count
_PROPOSAL = "proposal_id, document_id, status, journal, document_number, vat_number, words, fiscal_year"


def _proposal(row) -> ProposalRecord | None:
    return ProposalRecord(*row[:6], tuple(row[6]), row[7]) if row else None


class PgReplica:
    """Implements handlers.ports.Replica on one connection; the caller owns the transaction."""

    def __init__(self, conn: asyncpg.Connection | asyncpg.Pool) -> None:
        self.conn = conn

    async def book(self, dossier_id: UUID) -> Book:
        row = await self.conn.fetchrow("SELECT settings, vat_number FROM platform_dossiers WHERE dossier_id = $1",
                                       dossier_id)
        profile = {"settings": row[0], "vat_number": row[1]} if row else None
        rows: dict[str, list] = {}
        for r in await self.conn.fetch("SELECT kind, data FROM master_records WHERE dossier_id = $1 "
                                       "ORDER BY kind, key", dossier_id):
            rows.setdefault(r[0], []).append(r[1])
        return records.book(profile, rows)

    async def save_dossier(self, event) -> None:
        await dossiers.apply(self.conn, event)

    async def upsert_records(self, dossier_id, kind, found) -> None:
        await self.conn.executemany(
            "INSERT INTO master_records (dossier_id, kind, key, data) VALUES ($1, $2, $3, $4) "
            "ON CONFLICT (dossier_id, kind, key) DO UPDATE SET data = $4, updated_at = now()",
            [(dossier_id, kind, key, data) for key, data in found])

    async def delete_record(self, dossier_id, kind, key) -> None:
        await self.conn.execute("DELETE FROM master_records WHERE dossier_id = $1 AND kind = $2 AND key = $3",
                                dossier_id, kind, key)

    async def record_booking(self, dossier_id, facts: BookingFacts, keys) -> None:
        await self.forget_booking(dossier_id, facts.reference)
        await self.conn.execute(
            "INSERT INTO bookings (dossier_id, reference, counterparty, vat_number, booked_on, document_id, words) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7)", dossier_id, facts.reference, facts.counterparty_reference,
            facts.vat_number, facts.booked_on, facts.document_id, list(facts.words))
        await self.conn.executemany(
            "INSERT INTO booking_lines (dossier_id, reference, account, vat_code, invoice_rate) "
            "VALUES ($1, $2, $3, $4, $5)",
            [(dossier_id, facts.reference, x.account, x.vat_code, x.invoice_rate) for x in facts.lines])
        await self.conn.executemany(
            "INSERT INTO duplicate_keys (dossier_id, key, document_id, booking_reference) VALUES ($1, $2, $3, $4)",
            [(dossier_id, key, facts.document_id, facts.reference) for key in keys])

    async def forget_booking(self, dossier_id, reference) -> None:
        await self.conn.execute("DELETE FROM bookings WHERE dossier_id = $1 AND reference = $2", dossier_id, reference)
        await self.conn.execute("DELETE FROM duplicate_keys WHERE dossier_id = $1 AND booking_reference = $2",
                                dossier_id, reference)

    async def learned(self, dossier_id, reference, vat_number, limit=LEARN_LIMIT) -> tuple[Learned, ...]:
        rows = await self.conn.fetch(
            "WITH latest AS (SELECT reference, booked_on, seq FROM bookings WHERE dossier_id = $1 "
            "AND (counterparty = $2 OR vat_number = $3) ORDER BY booked_on DESC, seq DESC LIMIT $4) "
            "SELECT b.reference, l.account, l.vat_code, l.invoice_rate, b.booked_on, b.seq FROM latest b "
            "JOIN booking_lines l ON l.dossier_id = $1 AND l.reference = b.reference", dossier_id, reference,
            vat_number, limit)
        return tuple(Learned(*r) for r in rows)

    async def worded(self, dossier_id, words, limit=LEARN_LIMIT) -> tuple[Learned, ...]:
        rows = await self.conn.fetch(
            "WITH hits AS (SELECT DISTINCT b.reference, b.booked_on, b.seq, b.words FROM unnest($2::text[]) w, "
            "LATERAL (SELECT reference, booked_on, seq, words FROM bookings WHERE dossier_id = $1 "
            "AND words @> ARRAY[w] ORDER BY booked_on DESC, seq DESC LIMIT $3) b) "
            "SELECT b.reference, l.account, l.vat_code, l.invoice_rate, b.booked_on, b.seq, b.words FROM hits b "
            "JOIN booking_lines l ON l.dossier_id = $1 AND l.reference = b.reference", dossier_id, list(words), limit)
        return tuple(Learned(*r[:6], tuple(r[6])) for r in rows)

    async def remember_recognition(self, event_id, document_id) -> bool:
        return bool(await self.conn.fetchval(
            "INSERT INTO recognitions (event_id, document_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING true",
            event_id, document_id))

    async def active_proposal(self, document_id) -> ProposalRecord | None:
        row = await self.conn.fetchrow(
            f"SELECT {_PROPOSAL} FROM proposals WHERE document_id = $1 AND NOT withdrawn", document_id)
        return _proposal(row)

    async def proposal_facts(self, proposal_id):
        return _proposal(await self.conn.fetchrow(f"SELECT {_PROPOSAL} FROM proposals WHERE proposal_id = $1",
                                                  proposal_id))

    async def proposal_of(self, dossier_id, proposal_id):
        return _proposal(await self.conn.fetchrow(
            f"SELECT {_PROPOSAL} FROM proposals WHERE dossier_id = $1 AND proposal_id = $2 AND NOT withdrawn",
            dossier_id, proposal_id))

    async def set_number(self, dossier_id, proposal_id, journal, document_number, fiscal_year) -> None:
        await self.conn.execute("UPDATE proposals SET journal = $3, document_number = $4, fiscal_year = $5 "
                                "WHERE dossier_id = $1 AND proposal_id = $2", dossier_id, proposal_id, journal,
                                document_number, fiscal_year)

    async def save_proposal(self, dossier_id, record: ProposalRecord, keys) -> None:
        r = record
        await self.conn.execute(
            "INSERT INTO proposals (proposal_id, dossier_id, document_id, vat_number, status, journal, "
            "document_number, words, fiscal_year) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT "
            "(proposal_id) DO UPDATE SET vat_number = $4, status = $5, journal = $6, document_number = $7, "
            "words = $8, fiscal_year = $9", r.proposal_id, dossier_id, r.document_id, r.vat_number, r.status,
            r.journal, r.document_number, list(r.words), r.fiscal_year)
        await self.conn.execute("DELETE FROM duplicate_keys WHERE dossier_id = $1 AND document_id = $2 "
                                "AND booking_reference IS NULL", dossier_id, r.document_id)
        document_id = r.document_id
        await self.conn.executemany(
            "INSERT INTO duplicate_keys (dossier_id, key, document_id) VALUES ($1, $2, $3)",
            [(dossier_id, key, document_id) for key in keys])

    async def withdraw(self, dossier_id, proposal_id, document_id) -> None:
        await self.conn.execute("UPDATE proposals SET withdrawn = true WHERE proposal_id = $1", proposal_id)
        await self.conn.execute("DELETE FROM duplicate_keys WHERE dossier_id = $1 AND document_id = $2 "
                                "AND booking_reference IS NULL", dossier_id, document_id)

    async def duplicates(self, dossier_id, keys, document_id) -> tuple[Hit, ...]:
        rows = await self.conn.fetch(
            "SELECT DISTINCT key, document_id, booking_reference FROM duplicate_keys WHERE dossier_id = $1 "
            "AND key = ANY($2::text[]) AND document_id IS DISTINCT FROM $3 ORDER BY key", dossier_id, list(keys),
            document_id)
        return tuple(dict.fromkeys(Hit(kind_of(r[0]), r[1], r[2]) for r in rows))

    async def next_number(self, dossier_id, journal, fiscal_year, seed, floor) -> int:
        return await self.conn.fetchval(
            "INSERT INTO number_counters (dossier_id, journal, fiscal_year, next_number, floor) "
            "VALUES ($1, $2, $3, $4 + 1, $5) ON CONFLICT (dossier_id, journal, fiscal_year) DO UPDATE SET "
            "next_number = GREATEST(number_counters.next_number, $4) + 1, floor = $5 RETURNING next_number - 1",
            dossier_id, journal, fiscal_year, seed, floor)

    async def numbered_years(self, dossier_id, journal) -> dict[str, int]:
        rows = await self.conn.fetch("SELECT fiscal_year, floor FROM number_counters WHERE dossier_id = $1 "
                                     "AND journal = $2", dossier_id, journal)
        return {r[0]: r[1] for r in rows}

    async def counters(self, dossier_id) -> dict[tuple[str, str], tuple[int, int]]:
        rows = await self.conn.fetch("SELECT journal, fiscal_year, next_number, floor FROM number_counters "
                                     "WHERE dossier_id = $1", dossier_id)
        return {(r[0], r[1]): (r[2], r[3]) for r in rows}

    async def rate(self, currency, day, max_age_days) -> ExchangeRate | None:
        row = await self.conn.fetchrow(
            "SELECT currency, day, per_eur, source FROM exchange_rates WHERE currency = $1 AND day <= $2 "
            "AND day >= $3 ORDER BY day DESC LIMIT 1", currency, day, day - timedelta(days=max_age_days))
        return ExchangeRate(row[0], row[1], row[2], row[3]) if row else None

    async def save_rates(self, rates) -> int:
        await self.conn.executemany(
            "INSERT INTO exchange_rates (currency, day, per_eur, source) VALUES ($1, $2, $3, $4) "
            "ON CONFLICT (currency, day) DO UPDATE SET per_eur = $3, source = $4",
            [(r.currency, r.day, r.per_eur, r.source) for r in rates])
        return len(rates)

    async def seed_rates(self, rates) -> int:
        await self.conn.execute("DROP TABLE IF EXISTS pg_temp.seeded_rates")
        await self.conn.execute("CREATE TEMP TABLE seeded_rates (LIKE exchange_rates)")  # COPY, then skip the stored
        await self.conn.copy_records_to_table(
            "seeded_rates", records=[(r.currency, r.day, r.per_eur, r.source) for r in rates],
            columns=["currency", "day", "per_eur", "source"])
        await self.conn.execute("INSERT INTO exchange_rates SELECT * FROM seeded_rates ON CONFLICT DO NOTHING")
        await self.conn.execute("DROP TABLE seeded_rates")
        return len(rates)

    async def hold_rates(self) -> None:
        await self.conn.execute("SELECT 1 FROM rates_fetch FOR UPDATE")

    async def claim_rates_fetch(self, now, published) -> int | None:
        return await self.conn.fetchval(
            "SELECT failures FROM rates_fetch WHERE (fetched_at IS NULL OR fetched_at < $1) "
            "AND (retry_at IS NULL OR retry_at <= $2) AND NOT EXISTS (SELECT 1 FROM exchange_rates WHERE day >= $3) "
            "FOR UPDATE SKIP LOCKED", published, now, published.date())

    async def rates_fetched(self, now) -> None:
        await self.conn.execute("UPDATE rates_fetch SET fetched_at = $1, failures = 0, retry_at = NULL, "
                                "last_error = NULL", now)

    async def rates_fetch_failed(self, retry_at, reason) -> None:
        await self.conn.execute("UPDATE rates_fetch SET failures = failures + 1, retry_at = $1, last_error = $2",
                                retry_at, reason)

    async def rates_status(self) -> RatesStatus:
        row = await self.conn.fetchrow("SELECT fetched_at, (SELECT max(day) FROM exchange_rates), failures, "
                                       "retry_at, last_error FROM rates_fetch")
        return RatesStatus(*row)


@asynccontextmanager
async def in_transaction(pool: asyncpg.Pool) -> AsyncIterator[PgReplica]:
    """A replica on a connection of the pool, in one transaction: committed when the block ends normally."""
    async with pool.acquire() as conn, conn.transaction():
        yield PgReplica(conn)
