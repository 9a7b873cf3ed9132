"""ENR-2 / REC-3: the reference rates are fetched on a schedule inside the service — once per ECB publication,
by one instance, failures logged, counted and retried with backoff, never ending the service."""
from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from types import SimpleNamespace

import pytest
from prometheus_client import REGISTRY

from enrichment import bootstrap
from enrichment.adapters.ecb import RatesUnavailable, source_of
from enrichment.config import EnrichmentSettings
from enrichment.domain.currency import last_publication, retry_delay
from enrichment.domain.model import ExchangeRate
from enrichment.entrypoints import scheduler
from enrichment_memory import MemoryReplica

UTC = timezone.utc
WED_1505 = datetime(2025, 3, 12, 15, 5, tzinfo=UTC)


def settings(**kw) -> EnrichmentSettings:
    return EnrichmentSettings(service="enrichment-test", enrichment_rates_check_s=0.01, **kw)


def in_memory(replica: MemoryReplica):
    @asynccontextmanager
    async def transaction():
        yield replica
    return transaction


class FakeEcb:
    """Serves the rates of every weekday up to the day it is asked on (as the ECB file would), or fails."""

    def __init__(self, clock, error: Exception | None = None, lag_days: int = 0) -> None:
        self.clock, self.error, self.calls, self.lag = clock, error, 0, timedelta(days=lag_days)
        self.gate: asyncio.Event | None = None  # set to hold a fetch in flight

    async def __call__(self) -> list[ExchangeRate]:
        self.calls += 1
        if self.gate is not None:
            await self.gate.wait()
        if self.error is not None:
            raise self.error
        day = last_publication(self.clock(), 15).date() - self.lag
        return [ExchangeRate("USD", day - timedelta(days=1), Decimal("1.0857"), source_of(day - timedelta(days=1))),
                ExchangeRate("USD", day, Decimal("1.0880"), source_of(day))]


def failures() -> float:
    return REGISTRY.get_sample_value("bf_enrichment_rates_fetch_failures_total") or 0.0


@pytest.mark.parametrize("now, published", [
    (datetime(2025, 3, 12, 15, 0, tzinfo=UTC), datetime(2025, 3, 12, 15, tzinfo=UTC)),   # Wednesday, on the hour
    (datetime(2025, 3, 12, 14, 59, tzinfo=UTC), datetime(2025, 3, 11, 15, tzinfo=UTC)),  # before it: Tuesday's
    (datetime(2025, 3, 16, 20, 0, tzinfo=UTC), datetime(2025, 3, 14, 15, tzinfo=UTC)),   # Sunday: Friday's
    (datetime(2025, 3, 17, 9, 0, tzinfo=UTC), datetime(2025, 3, 14, 15, tzinfo=UTC)),    # Monday morning: Friday's
])
def test_the_last_publication_is_a_weekday_at_the_hour(now, published):
    assert last_publication(now, 15) == published


def test_retries_back_off_doubling_up_to_the_bound():
    assert [retry_delay(n, 900, 14400) for n in (1, 2, 3, 4, 5, 6, 5000)] == [900, 1800, 3600, 7200, 14400, 14400,
                                                                               14400]


@pytest.mark.parametrize("lag_days", [0, 1], ids=["published", "late-or-holiday"])
async def test_the_job_stores_the_rates_and_does_not_fetch_again_the_same_day(lag_days):
    """ENR-2: after the hour the file is fetched and stored; later that day nothing more, even when the file
    did not have that day's rates yet (the ECB late, a TARGET holiday); the next weekday again."""
    replica, now = MemoryReplica(), [WED_1505]
    ecb = FakeEcb(lambda: now[0], lag_days=lag_days)
    s, tx = settings(), in_memory(replica)
    assert (await scheduler.tick(s, tx, ecb, now[0])).outcome == "fetched"
    assert (await replica.rate("USD", date(2025, 3, 12 - lag_days), 0)).per_eur == Decimal("1.0880")
    assert REGISTRY.get_sample_value("bf_enrichment_rates_last_success_timestamp_seconds") == WED_1505.timestamp()
    for later in (timedelta(hours=1), timedelta(hours=8), timedelta(hours=23, minutes=54)):
        now[0] = WED_1505 + later
        assert (await scheduler.tick(s, tx, ecb, now[0])).outcome == "not_due"
    assert ecb.calls == 1
    now[0] = WED_1505 + timedelta(days=1)
    assert (await scheduler.tick(s, tx, ecb, now[0])).outcome == "fetched"
    assert ecb.calls == 2 and await replica.rate("USD", date(2025, 3, 13 - lag_days), 0) is not None


async def test_at_start_a_fetch_is_made_only_when_the_last_business_days_rate_is_missing():
    """ENR-2: started on a Monday morning, Friday's rate stored (e.g. by `rates load`) → nothing to fetch;
    only Thursday's → fetched at once, not at 15:00."""
    monday_9 = datetime(2025, 3, 17, 9, tzinfo=UTC)
    for newest, calls in ((date(2025, 3, 14), 0), (date(2025, 3, 13), 1)):
        replica = MemoryReplica()
        await replica.save_rates([ExchangeRate("USD", newest, Decimal("1.08"), source_of(newest))])
        ecb = FakeEcb(lambda: monday_9)
        await scheduler.tick(settings(), in_memory(replica), ecb, monday_9)
        assert ecb.calls == calls, newest


async def test_two_instances_fetch_once():
    """ENR-2: with several replicas, the one that claims the fetch does it; the other finds it taken, then done."""
    replica = MemoryReplica()
    ecb = FakeEcb(lambda: WED_1505)
    ecb.gate = asyncio.Event()
    first = asyncio.create_task(scheduler.tick(settings(), in_memory(replica), ecb, WED_1505))
    await asyncio.sleep(0.01)  # the first one is fetching
    second = scheduler.tick(settings(), in_memory(replica), ecb, WED_1505)
    assert (await asyncio.wait_for(second, 1)).outcome == "not_due"
    ecb.gate.set()
    assert (await first).outcome == "fetched"
    assert (await scheduler.tick(settings(), in_memory(replica), ecb, WED_1505 + timedelta(minutes=1))).outcome \
        == "not_due"
    assert ecb.calls == 1


async def test_a_failing_fetch_is_logged_once_counted_retried_with_backoff_and_the_job_keeps_running(caplog):
    """ENR-2: no network → one warning per attempt naming the reason, the failure metric up by one, the next
    attempt 15 min later (then 30); the loop survives and stops with the service."""
    replica, now = MemoryReplica(), [WED_1505]
    ecb = FakeEcb(lambda: now[0], error=RatesUnavailable("https://ecb.example/h.zip: Name or service not known"))
    stop, before = asyncio.Event(), failures()
    caplog.set_level(logging.INFO, logger="enrichment.entrypoints.scheduler")
    job = asyncio.create_task(scheduler.run(settings(), in_memory(replica), ecb, stop, clock=lambda: now[0]))
    await asyncio.sleep(0.2)  # ~20 ticks at the same minute: one attempt
    assert ecb.calls == 1 and failures() == before + 1 and not job.done()
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "Name or service not known" in warnings[0].getMessage()
    assert "2025-03-12 15:20" in warnings[0].getMessage(), "the next attempt 15 minutes on"
    now[0] = WED_1505 + timedelta(minutes=15)
    await asyncio.sleep(0.1)
    assert ecb.calls == 2 and failures() == before + 2
    assert (await replica.rates_status()).retry_at == now[0] + timedelta(minutes=30), "doubled"
    ecb.error = None
    now[0] += timedelta(minutes=30)
    await asyncio.sleep(0.1)
    assert ecb.calls == 3 and (await replica.rates_status()).failures == 0
    stop.set()
    await asyncio.wait_for(job, 1)


async def test_a_broken_database_does_not_end_the_job(caplog):
    """ENR-2: whatever goes wrong in a tick is logged; the schedule keeps looking."""
    calls = []

    @asynccontextmanager
    async def broken():
        calls.append(1)
        raise ConnectionRefusedError("database away")
        yield  # pragma: no cover

    stop = asyncio.Event()
    job = asyncio.create_task(scheduler.run(settings(), broken, FakeEcb(lambda: WED_1505), stop))
    await asyncio.sleep(0.05)
    assert len(calls) > 1 and not job.done()
    stop.set()
    await asyncio.wait_for(job, 1)


async def test_an_empty_url_disables_the_job(caplog):
    """ENR-2: BF_ENRICHMENT_RATES_URL= (offline installations) starts nothing and says how to load rates."""
    caplog.set_level(logging.INFO, logger="enrichment.entrypoints.scheduler")
    rt = SimpleNamespace(settings=settings(enrichment_rates_url=""), pool=None, stop=asyncio.Event(), tasks=[])
    await bootstrap.on_start(rt, app=None)
    assert rt.tasks == []
    assert "rates load FILE" in caplog.text


async def test_the_service_starts_the_job_into_its_tasks_and_stops_it():
    """ENR-2: on_start appends the schedule to rt.tasks; it ends when rt.stop is set."""
    rt = SimpleNamespace(settings=settings(enrichment_rates_url="http://127.0.0.1:9/none.zip"), pool=None,
                         stop=asyncio.Event(), tasks=[])
    rt.stop.set()  # stopped at once: no tick reaches the (absent) pool
    await bootstrap.on_start(rt, app=None)
    [task] = rt.tasks
    assert task.get_name() == "enrichment-rates"
    await asyncio.wait_for(task, 1)
