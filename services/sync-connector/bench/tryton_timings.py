"""`make bench-sync`: how fast a dossier is created in Tryton and how long posting takes.

Prints: seconds to clone the template into a dossier database (createdb -T), to the first login
(trytond loads the database), to set up its fiscal year; then the latency of posting purchase
invoices through the Tryton adapter (new party first, known party after) and of a redelivered
(already posted) proposal. Databases it creates are dropped at the end.

    python -m sync_connector_bench.tryton_timings [--dossiers 3] [--invoices 20]
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid
from datetime import date
from decimal import Decimal

from sync_connector.adapters.tryton import provision
from sync_connector.adapters.tryton.adapter import TrytonAdapter
from sync_connector.config import SyncSettings
from sync_connector.domain.ports import BookingOrder, OrderLine, OrderParty


def _order(n: int, year: int) -> BookingOrder:
    month = n % 12 + 1
    return BookingOrder(
        external_id=str(uuid.uuid4()), direction="purchase", kind="invoice", journal_code="ACH",
        period_code=f"{year}-{month:02d}", booking_date=date(year, month, 10),
        party=OrderParty(reference=None, name="Groothandel Mout BV", vat_number="BE0277844820"),
        lines=(OrderLine(account="604000", net_amount=Decimal("100.00") + n, vat_code="achat_marchandises_21",
                         vat_amount=(Decimal("21.00") + Decimal(n) * Decimal("0.21")).quantize(Decimal("0.01"))),),
        total=Decimal("121.00") + (Decimal(n) * Decimal("1.21")).quantize(Decimal("0.01")),
        document_number=f"ACH {year}/{n:05d}", invoice_number=f"GM-{n}", invoice_date=date(year, month, 10))


def _summary(label: str, values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return (f"{label:<38} n={len(values):<3} mean {statistics.mean(values) * 1000:7.0f} ms   "
            f"p50 {statistics.median(values) * 1000:7.0f} ms   p95 {p95 * 1000:7.0f} ms")


async def main(dossiers: int, invoices: int) -> None:
    s = SyncSettings(service="sync-connector")
    adapter = TrytonAdapter(s.installations()["local"], user=s.tryton_user, password=s.tryton_password,
                            db_prefix=s.tryton_db_prefix)
    codes = [f"bench_{uuid.uuid4().hex[:8]}" for _ in range(dossiers)]
    clone, login, setup, post, again = [], [], [], [], []
    year = date.today().year
    try:
        for code in codes:
            clone.append(await provision.create_database(
                s.dsn("postgres"), provision.database_name(s.tryton_db_prefix, code), s.tryton_template_db))
            started = time.perf_counter()
            rpc = await adapter.rpc(code)
            login.append(time.perf_counter() - started)
            started = time.perf_counter()
            await provision.set_company(rpc, "Bench BV", None)
            await provision.create_fiscal_year(rpc, year)
            setup.append(time.perf_counter() - started)
        code = codes[0]
        for n in range(invoices):
            order = _order(n, year)
            started = time.perf_counter()
            await adapter.post_booking(code, order)
            post.append(time.perf_counter() - started)
            started = time.perf_counter()
            assert (await adapter.post_booking(code, order)).already_there
            again.append(time.perf_counter() - started)
    finally:
        await adapter.close()
        for code in codes:
            await provision.drop_database(s.dsn("postgres"), provision.database_name(s.tryton_db_prefix, code))
    print(_summary("dossier database from the template", clone))
    print(_summary("first login (trytond loads the db)", login))
    print(_summary("company + fiscal year, 12 periods", setup))
    print(_summary("post a supplier invoice (posted)", post))
    print(_summary("redelivered proposal (found, no post)", again))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=3)
    parser.add_argument("--invoices", type=int, default=20)
    args = parser.parse_args()
    asyncio.run(main(args.dossiers, args.invoices))
