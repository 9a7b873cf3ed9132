"""The reference exchange rates enrichment converts foreign invoices with (REC-3).

  python -m enrichment.entrypoints.rates load eurofxref-hist.zip   # a file downloaded from the ECB
  python -m enrichment.entrypoints.rates fetch                      # download it (needs internet)
  python -m enrichment.entrypoints.rates show USD 2025-03-14        # the rate a proposal would use
"""
from __future__ import annotations

import argparse
import asyncio
import sys
import urllib.request
from datetime import date
from pathlib import Path

from runtime.config import Settings
from runtime.db import create_pool, ensure_database
from runtime.migrations import migrate_dsn

from enrichment.adapters.ecb import ECB_HISTORY_URL, RatesFileError, parse
from enrichment.adapters.postgres import PgReplica
from enrichment.bootstrap import MIGRATIONS
from enrichment.domain.currency import MAX_AGE_DAYS

FETCH_TIMEOUT_S = 30


async def _load(settings: Settings, data: bytes) -> str:
    rates = parse(data)
    await ensure_database(settings.dsn("postgres"), settings.database)
    await migrate_dsn(settings.dsn(), MIGRATIONS)
    pool = await create_pool(settings.dsn())
    try:
        async with pool.acquire() as conn, conn.transaction():
            n = await PgReplica(conn).save_rates(rates)
    finally:
        await pool.close()
    days = sorted({r.day for r in rates})
    span = f"{days[0]} .. {days[-1]}" if days else "no days"
    return f"{n} rates of {len({r.currency for r in rates})} currencies loaded ({span})"


async def _show(settings: Settings, currency: str, day: date) -> str:
    pool = await create_pool(settings.dsn())
    try:
        rate = await PgReplica(pool).rate(currency.upper(), day, MAX_AGE_DAYS)
    finally:
        await pool.close()
    if rate is None:
        return f"no {currency.upper()} rate on or up to {MAX_AGE_DAYS} days before {day}"
    return f"{rate.currency} {rate.per_eur} per EUR on {rate.day} ({rate.source})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="reference exchange rates of enrichment")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("load").add_argument("file", type=Path)
    sub.add_parser("fetch").add_argument("--url", default=ECB_HISTORY_URL)
    show = sub.add_parser("show")
    show.add_argument("currency")
    show.add_argument("day", type=date.fromisoformat)
    args = parser.parse_args(argv)
    settings = Settings(service="enrichment")
    try:
        if args.command == "show":
            print(asyncio.run(_show(settings, args.currency, args.day)))
            return 0
        if args.command == "fetch":
            with urllib.request.urlopen(args.url, timeout=FETCH_TIMEOUT_S) as answer:  # noqa: S310 (fixed https URL)
                data = answer.read()
        else:
            data = args.file.read_bytes()
        print(asyncio.run(_load(settings, data)))
        return 0
    except (RatesFileError, OSError) as exc:
        print(f"rates: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
