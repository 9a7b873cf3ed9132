"""What runs on the clock: the ECB reference rates (ENR-2, REC-3), fetched once per publication.

Every BF_ENRICHMENT_RATES_CHECK_S an instance looks whether a fetch is due: the ECB published since the last
fetch (a weekday at BF_ENRICHMENT_RATES_HOUR UTC, so also at start after a pause) and no rate of that day is
stored yet. The claim, the rates and the outcome are one transaction, so of several instances one fetches.
A failure is logged once with its reason and counted; the next attempt waits BF_ENRICHMENT_RATES_RETRY_S,
doubled for each failure in a row up to BF_ENRICHMENT_RATES_RETRY_MAX_S. An empty BF_ENRICHMENT_RATES_URL
switches it off (offline installations load files: `python -m enrichment.entrypoints.rates load FILE`)."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import datetime, time, timezone
from functools import partial

from enrichment.adapters import bundled, ecb
from enrichment.config import EnrichmentSettings
from enrichment.domain.currency import RatesStatus
from enrichment.entrypoints.metrics import RATES_FETCH_FAILURES, RATES_LAST_SUCCESS, RATES_NEWEST_DAY
from enrichment.handlers import rates
from enrichment.handlers.ports import Replica

log = logging.getLogger(__name__)
Transaction = Callable[[], AbstractAsyncContextManager[Replica]]  # a unit of work: commits when the block ends
Clock = Callable[[], datetime]


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _schedule(s: EnrichmentSettings) -> rates.Schedule:
    return rates.Schedule(s.enrichment_rates_hour, s.enrichment_rates_retry_s, s.enrichment_rates_retry_max_s)


def _report(attempt: rates.Attempt, status: RatesStatus) -> None:
    if attempt.outcome == "fetched":
        log.info("exchange rates fetched: %s", attempt.loaded)
    elif attempt.outcome == "failed":
        RATES_FETCH_FAILURES.inc()
        log.warning("exchange rates not fetched (failure %d in a row): %s; next attempt from %s UTC; newest rate: %s",
                    attempt.failures, attempt.reason, f"{attempt.retry_at:%Y-%m-%d %H:%M}", status.newest_day)
    RATES_LAST_SUCCESS.set(status.fetched_at.timestamp() if status.fetched_at else 0)
    newest = status.newest_day
    RATES_NEWEST_DAY.set(datetime.combine(newest, time(), timezone.utc).timestamp() if newest else 0)


async def tick(settings: EnrichmentSettings, transaction: Transaction, fetch: rates.Fetch, now: datetime,
               ) -> rates.Attempt:
    """One look at the schedule at `now`: fetch and store the rates if due and claimed; log and count the outcome."""
    async with transaction() as replica:
        attempt = await rates.refresh(replica, fetch, now, _schedule(settings))
        status = await replica.rates_status()
    _report(attempt, status)
    return attempt


async def run(settings: EnrichmentSettings, transaction: Transaction, fetch: rates.Fetch, stop: asyncio.Event,
              clock: Clock = _utcnow) -> None:
    """Look every BF_ENRICHMENT_RATES_CHECK_S until `stop` is set; nothing that goes wrong ends the loop."""
    while not stop.is_set():
        try:
            await tick(settings, transaction, fetch, clock())
        except Exception:  # noqa: BLE001 - e.g. the database away: the next tick tries again
            log.exception("exchange-rate schedule tick failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=settings.enrichment_rates_check_s)


async def seed(transaction: Transaction, bundle_of: Callable[[], rates.Bundle] = bundled.bundled,
               ) -> rates.Loaded | None:
    """At start: the shipped ECB history for what the stored rates lack (a new installation, a table older than
    the installed package), so foreign documents convert before any fetch. A failure is logged, nothing stops."""
    try:
        bundle = bundle_of()
        async with transaction() as replica:
            loaded = await rates.seed(replica, bundle)
    except Exception:  # noqa: BLE001 - the service runs without it; documents then say which rate is missing
        log.exception("exchange rates not seeded from the bundled ECB history")
        return None
    if loaded is None:
        log.info("exchange rates: the stored ones are as new as %s (%s)", bundle.origin, bundle.newest)
    else:
        log.info("exchange rates seeded from %s: %s", bundle.origin, loaded)
    return loaded


def start(settings: EnrichmentSettings, transaction: Transaction, stop: asyncio.Event) -> asyncio.Task | None:
    """The schedule as a task stopping with `stop`; None (and a note) when BF_ENRICHMENT_RATES_URL is empty."""
    url = settings.enrichment_rates_url.strip()
    if not url:
        log.info("exchange rates are not fetched (BF_ENRICHMENT_RATES_URL is empty): "
                 "load them with `python -m enrichment.entrypoints.rates load FILE`")
        return None
    fetch = partial(ecb.fetch, url, settings.enrichment_rates_timeout_s)
    log.info("exchange rates fetched from %s each weekday from %02d:00 UTC", url, settings.enrichment_rates_hour)
    return asyncio.create_task(run(settings, transaction, fetch, stop), name="enrichment-rates")
