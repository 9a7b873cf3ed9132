"""`make bench-reporting`: server time of the dashboard and each standard report of a dossier with 10 years of
50,000 entries (BENCH_YEARS, BENCH_ENTRIES_PER_YEAR).

Seeds a throw-away database of the real Postgres with one dossier, its accounts, counterparties and open items, and
its entries written as the replica writes them (the month totals follow through the trigger of migration 0002, as
they do for every ledger.synced), then a sync that changes entries of the current year (the totals follow
incrementally), then calls the routes in-process (the ASGI app, no network) BENCH_ROUNDS times each and prints
p50/p95/max in milliseconds against the target (p95 < 300 ms). Not a test: it prints the figures.
"""
from __future__ import annotations

import asyncio
import os
import random
import time
import uuid
from datetime import date, datetime, timedelta, timezone

import httpx
from contracts.events.dossiers import DossierChanged
from runtime.auth.principal import Principal, PrincipalKind, Role
from runtime.auth.tokens import TokenIssuer, TokenVerifier, generate_signing_key
from runtime.config import Settings
from runtime.db import create_pool
from runtime.service import http_app
from runtime.testing import latency_line, temp_database

from reporting.adapters import ledger_repo
from reporting.bootstrap import MIGRATIONS, SPEC
from reporting.handlers.context import Deps
from reporting.handlers.events import on_dossier_changed

TARGET_MS = 300.0
SALES, COSTS = ("700000", "701000"), ("604000", "610000", "612000", "620000", "640000")


def _entry(n: int, day: date, rng: random.Random) -> dict:
    """One invoice entry as ledger.synced brings it: revenue or charge, VAT, receivable or payable."""
    net = rng.randrange(1_000, 500_000) / 100
    vat = round(net * 0.21, 2)
    sale = rng.random() < 0.45
    if sale:
        lines = [{"account": "400000", "debit": f"{net + vat:.2f}", "credit": "0"},
                 {"account": rng.choice(SALES), "debit": "0", "credit": f"{net:.2f}"},
                 {"account": "451000", "debit": "0", "credit": f"{vat:.2f}"}]
    else:
        lines = [{"account": rng.choice(COSTS), "debit": f"{net:.2f}", "credit": "0"},
                 {"account": "411000", "debit": f"{vat:.2f}", "credit": "0"},
                 {"account": "440000", "debit": "0", "credit": f"{net + vat:.2f}"}]
    return {"reference": f"move:{n}", "journal_code": "VEN" if sale else "ACH",
            "journal_type": "sales" if sale else "purchases", "period_code": day.strftime("%Y-%m"),
            "booking_date": day, "counterparty_reference": f"{'C' if sale else 'S'}{rng.randrange(800):03}",
            "invoice_number": f"F{n:07}", "invoice_date": day, "document_kind": "invoice",
            "total": round(net + vat, 2), "external_id": f"p{n}" if rng.random() < 0.6 else None, "lines": lines}


async def _seed(pool, dossier: uuid.UUID, years: int, per_year: int, first_year: int) -> int:
    rng = random.Random(16)
    at = datetime(2026, 1, 1, tzinfo=timezone.utc)
    n = 0
    for year in range(first_year, first_year + years):
        rows = []
        for _ in range(per_year):
            rows.append(_entry(n, date(year, 1, 1) + timedelta(days=rng.randrange(365)), rng))
            n += 1
        for start in range(0, len(rows), 5000):
            async with pool.acquire() as conn, conn.transaction():
                await ledger_repo.upsert(conn, "entries", dossier, at, rows[start:start + 5000])
        print(f"  {year}: {per_year} entries written", flush=True)
    async with pool.acquire() as conn, conn.transaction():
        await ledger_repo.upsert(conn, "counterparties", dossier, at, [
            {"reference": f"{side}{i:03}", "name": f"{'Customer' if side == 'C' else 'Supplier'} {i:03}",
             "roles": []} for side in "CS" for i in range(800)])
        await ledger_repo.upsert(conn, "accounts", dossier, at, [
            {"reference": a, "name": f"Account {a}", "kind": "other"} for a in (*SALES, *COSTS, "400000", "411000",
                                                                            "440000", "451000")])
        await ledger_repo.upsert(conn, "open_items", dossier, at, [
            {"reference": f"oi{i}", "kind": "receivable" if i % 2 else "payable", "counterparty_reference":
             f"{'C' if i % 2 else 'S'}{i % 800:03}", "issue_date": date(first_year + years - 1, 1, 1) + timedelta(
                 days=i % 365), "due_date": date(first_year + years - 1, 2, 1) + timedelta(days=i % 365),
             "amount": 121, "amount_open": 121 if i % 3 else 0, "currency": "EUR"} for i in range(5000)])
    await pool.execute("ANALYZE")
    return n


async def _resync(pool, dossier: uuid.UUID, year: int, count: int) -> float:
    """A later sync changes ``count`` entries of ``year`` (new amounts): written like ledger.synced writes them."""
    rng = random.Random(18)
    rows = await pool.fetch("SELECT reference, booking_date FROM entries WHERE dossier_id = $1 AND booking_date >= $2 "
                            "LIMIT $3", dossier, date(year, 1, 1), count)
    later = datetime(2026, 2, 1, tzinfo=timezone.utc)
    changed = [{**_entry(0, r["booking_date"], rng), "reference": r["reference"]} for r in rows]
    began = time.perf_counter()
    async with pool.acquire() as conn, conn.transaction():
        await ledger_repo.upsert(conn, "entries", dossier, later, changed)
    return (time.perf_counter() - began) * 1000


async def main() -> None:
    years = int(os.environ.get("BENCH_YEARS", "10"))
    per_year = int(os.environ.get("BENCH_ENTRIES_PER_YEAR", "50000"))
    rounds = int(os.environ.get("BENCH_ROUNDS", "30"))
    settings = Settings(service="reporting-bench")
    office, dossier = uuid.uuid4(), uuid.uuid4()
    last = date.today().year
    async with temp_database(settings, MIGRATIONS) as dsn:
        pool = await create_pool(dsn)
        try:
            async with pool.acquire() as conn, conn.transaction():
                await on_dossier_changed(conn, DossierChanged.model_validate({
                    "correlation_id": "bench", "office_id": str(office), "dossier_id": str(dossier),
                    "change": "created", "dossier": {"name": "Bench"}}))
            began = time.perf_counter()
            count = await _seed(pool, dossier, years, per_year, last - years + 1)
            print(f"reporting bench: {count} entries ({years} years x {per_year}) in one dossier written in "
                  f"{time.perf_counter() - began:.1f} s with the month totals kept by the trigger")
            totals = await pool.fetchval("SELECT count(*) FROM ledger_month_accounts")
            print(f"  month totals kept: {totals} rows; a later sync changing 1000 entries of {last} took "
                  f"{await _resync(pool, dossier, last, 1000):.0f} ms (totals follow in the same transaction)")
            issuer = TokenIssuer(generate_signing_key(), "bench", settings.jwt_issuer)
            app = http_app(SPEC, settings, Deps(pool=pool), token_verifier=TokenVerifier(issuer=issuer.issuer,
                                                                                            jwks=issuer.jwks()))
            token = issuer.issue(Principal(str(uuid.uuid4()), PrincipalKind.COLLABORATOR, str(office), role=Role.ADMIN))
            h = {"authorization": f"Bearer {token}"}
            base = f"/dossiers/{dossier}"
            calls = {"dashboard": (f"{base}/dashboard", {"year": last}),
                     **{f"report {name}": (f"{base}/reports/{name}", {"year": last}) for name in (
                         "profit-and-loss", "vat-summary", "top-counterparties")},
                     **{f"report {name}": (f"{base}/reports/{name}", {}) for name in (
                         "balance-by-class", "aged-receivables", "aged-payables")}}
            print(f"{rounds} calls each, in-process ASGI (server time):")
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
                for name, (path, params) in calls.items():
                    await client.get(path, params=params, headers=h)  # warm up
                    times = []
                    for _ in range(rounds):
                        start = time.perf_counter()
                        answer = await client.get(path, params=params, headers=h)
                        times.append((time.perf_counter() - start) * 1000)
                        if answer.status_code >= 400:
                            raise SystemExit(f"bench call failed: {answer.status_code} {answer.text[:200]}")
                    print(latency_line(name, times, TARGET_MS))
        finally:
            await pool.close()


if __name__ == "__main__":
    asyncio.run(main())
