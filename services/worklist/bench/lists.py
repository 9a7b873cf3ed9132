"""`make bench-worklist`: server time of the list and annotation endpoints with 10,000 proposals in one dossier.

Seeds a throw-away database of the real Postgres with one dossier, its master data and BENCH_PROPOSALS
(10,000) proposals of varied counterparties, dates, amounts and statuses, then calls the endpoints
in-process (the ASGI app, no network) BENCH_ROUNDS times each and prints p50/p95/max in milliseconds
against the targets (list < 200 ms, annotation < 300 ms). Not a test: it prints the figures.
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
from contracts.events.ledger import LedgerSynced
from contracts.events.proposals import ProposalCreated
from runtime.auth.principal import Principal, PrincipalKind, Role
from runtime.auth.tokens import TokenIssuer, TokenVerifier, generate_signing_key
from runtime.db import create_pool
from runtime.service import http_app
from runtime.testing import latency_line, temp_database

from worklist.adapters import proposals
from worklist.bootstrap import MIGRATIONS, SPEC
from worklist.config import WorklistSettings
from worklist.handlers.context import Deps
from worklist.handlers.events import created_row, on_dossier_changed, on_ledger_synced

STATUSES = ("complete", "complete", "complete", "incomplete", "complete_new_counterparty", "unrecognized")
ACCOUNTS = ("604000", "611000", "612000", "613000", "499000")


def _event(office: str, dossier: str, n: int, rng: random.Random) -> ProposalCreated:
    net = rng.randrange(100, 500_000)
    vat = net * 21 // 100
    day = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 540))
    account = rng.choice(ACCOUNTS)
    return ProposalCreated.model_validate({
        "correlation_id": "bench", "office_id": office, "dossier_id": dossier, "proposal_id": str(uuid.uuid4()),
        "document_id": str(uuid.uuid4()), "origin": rng.choice(("air", "air", "ubl")), "mailbox": "purchases",
        "journal": {"code": "ACH", "type": "purchases", "name": "Purchases"},
        "period": {"code": day.strftime("%Y-%m"), "start_date": day.replace(day=1).isoformat(),
                   "end_date": day.replace(day=28).isoformat()},
        "invoice_number": f"F{n:06}", "invoice_date": day.isoformat(),
        "counterparty": {"status": "known", "reference": f"P-{n % 400:04}", "name": f"Supplier {n % 400:03} BV"},
        "lines": [{"line_no": 1, "account": account, "vat_code": "21", "vat_rate": "21",
                   "net_amount": f"{net / 100:.2f}", "vat_amount": f"{vat / 100:.2f}", "suspense": account == "499000"}],
        "totals": {"net": f"{net / 100:.2f}", "vat": f"{vat / 100:.2f}", "gross": f"{(net + vat) / 100:.2f}"},
        "status": rng.choice(STATUSES), "page_count": rng.randrange(1, 4),
        "occurred_at": (datetime(2025, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=n)).isoformat(),
    })


async def _seed(pool, office: str, dossier: str, count: int) -> list[str]:
    rng = random.Random(7)
    async with pool.acquire() as conn, conn.transaction():
        await on_dossier_changed(conn, DossierChanged.model_validate({
            "correlation_id": "bench", "office_id": office, "dossier_id": dossier, "change": "created",
            "dossier": {"name": "Bench"}}))
        await on_ledger_synced(conn, LedgerSynced.model_validate({
            "correlation_id": "bench", "office_id": office, "dossier_id": dossier, "accounting_software": "tryton",
            "sync": {"run_id": str(uuid.uuid4()), "reason": "full", "started_at": "2025-03-14T09:30:00Z",
                     "finished_at": "2025-03-14T09:30:00Z"}, "master_data": {
                "accounts": [{"code": c, "name": c} for c in ACCOUNTS],
                "journals": [{"code": "ACH", "type": "purchases"}],
                "vat_codes": [{"code": "21", "direction": "purchase", "rate": "21"}],
                "counterparties": [{"reference": f"P-{i:04}", "name": f"Supplier {i:03} BV"} for i in range(400)]}}))
        rows = [created_row(_event(office, dossier, n, rng), "purchases") for n in range(count)]
        for start in range(0, len(rows), 2000):
            await proposals.insert_many(conn, rows[start:start + 2000])
    await pool.execute("ANALYZE")
    return [str(r["proposal_id"]) for r in rows]


async def _time(client: httpx.AsyncClient, rounds: int, call) -> list[float]:
    await call(client, 0)  # warm up
    out = []
    for i in range(rounds):
        start = time.perf_counter()
        response = await call(client, i)
        out.append((time.perf_counter() - start) * 1000)
        if response.status_code >= 400:
            raise SystemExit(f"bench call failed: {response.status_code} {response.text[:200]}")
    return out


async def main() -> None:
    count = int(os.environ.get("BENCH_PROPOSALS", "10000"))
    rounds = int(os.environ.get("BENCH_ROUNDS", "40"))
    settings = WorklistSettings(service="worklist-bench")
    office, dossier = str(uuid.uuid4()), str(uuid.uuid4())
    async with temp_database(settings, MIGRATIONS) as dsn:
        pool = await create_pool(dsn)
        try:
            began = time.perf_counter()
            ids = await _seed(pool, office, dossier, count)
            print(f"worklist bench: {count} proposals in one dossier seeded in {time.perf_counter() - began:.1f} s; "
                  f"{rounds} calls each, in-process ASGI (server time)")
            issuer = TokenIssuer(generate_signing_key(), "bench", "bookingfactory-office")
            token = issuer.issue(Principal(str(uuid.uuid4()), PrincipalKind.COLLABORATOR, office, role=Role.ADMIN))
            app = http_app(SPEC, settings, Deps(pool=pool, settings=settings),
                           token_verifier=TokenVerifier(issuer=issuer.issuer, jwks=issuer.jwks()))
            h = {"authorization": f"Bearer {token}"}
            base = f"/dossiers/{dossier}"
            rng = random.Random(3)
            lists = {
                "list: default order, page 1": {},
                "list: sort counterparty asc, page 100": {"sort": "counterparty", "page": "100"},
                "list: sort gross desc, last page": {"sort": "gross", "order": "desc", "page": str(count // 50)},
                "list: q=supplier 12 + status + date range": {"q": "supplier 12", "status": "complete,incomplete",
                                                              "date_from": "2024-03-01", "date_to": "2025-01-31"},
            }
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
                print("list (WL-1, WL-2):")
                for name, params in lists.items():
                    times = await _time(client, rounds, lambda c, i, p=params: c.get(f"{base}/worklists/purchases",
                                                                                        params=p, headers=h))
                    print(latency_line(name, times, 200, width=46))
                print("annotation (WL-5..8):")
                annotation = {
                    "open a proposal": lambda c, i: c.get(f"{base}/proposals/{rng.choice(ids)}", headers=h),
                    "choices (accounts, journals, periods, VAT)": lambda c, i: c.get(f"{base}/choices", headers=h),
                    "neighbours (sort counterparty)": lambda c, i: c.get(
                        f"{base}/proposals/{rng.choice(ids)}/neighbours", params={"sort": "counterparty"}, headers=h),
                    "save lines + review, save-and-next": lambda c, i: c.patch(
                        f"{base}/proposals/{ids[i]}", params={"sort": "invoice_date"}, headers=h,
                        json={"review": True, "comment": "bench", "lines": [
                            {"account": "604000", "vat_code": "21", "vat_rate": "21", "net_amount": "100+21",
                             "vat_amount": "25.41"}, {"account": "611000", "net_amount": "10"}]}),
                    "undo": lambda c, i: c.post(f"{base}/proposals/{ids[i]}/undo", headers=h),
                }
                for name, call in annotation.items():
                    print(latency_line(name, await _time(client, rounds, call), 300, width=46))
        finally:
            await pool.close()


if __name__ == "__main__":
    asyncio.run(main())
