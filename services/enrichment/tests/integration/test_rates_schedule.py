"""ENR-2 / REC-3 on the real Postgres: the scheduled fetch stores the rates of a served ECB file, two instances
fetch it once, and a URL that does not answer is counted as a failure while the schedule keeps running."""
from __future__ import annotations

import asyncio
import io
import threading
import zipfile
from contextlib import contextmanager
from datetime import date, datetime, timezone
from decimal import Decimal
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
from prometheus_client import REGISTRY
from runtime.testing import temp_pool, wait_for

from enrichment import bootstrap
from enrichment.adapters import ecb
from enrichment.adapters.postgres import PgReplica, in_transaction
from enrichment.config import EnrichmentSettings
from enrichment.entrypoints import scheduler

pytestmark = pytest.mark.integration
HISTORY = "Date,USD,CHF,\n2025-03-12,1.0880,0.9610,\n2025-03-11,1.0857,0.9580,\n"
WED_1505 = datetime(2025, 3, 12, 15, 5, tzinfo=timezone.utc)


@contextmanager
def serving(body: bytes):
    """A local stand-in for www.ecb.europa.eu: every GET gets `body`; yields the URL and the request count."""
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/eurofxref-hist.zip", hits
    finally:
        server.shutdown()
        server.server_close()


def zipped(csv: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("eurofxref-hist.csv", csv)
    return buffer.getvalue()


def settings(**kw) -> EnrichmentSettings:
    return EnrichmentSettings(service="enrichment-test", enrichment_rates_check_s=0.05, **kw)


async def test_the_service_fetches_and_stores_the_served_file():
    """ENR-2: started by on_start into rt.tasks, the schedule fetches the file over HTTP and stores its rates."""
    with serving(zipped(HISTORY)) as (url, hits):
        async with temp_pool(settings(), bootstrap.MIGRATIONS) as pool:
            rt = SimpleNamespace(settings=settings(enrichment_rates_url=url), pool=pool, stop=asyncio.Event(),
                                 tasks=[])
            await bootstrap.on_start(rt, app=None)
            try:
                replica = PgReplica(pool)
                await wait_for(lambda: _fetched(replica), timeout=10)  # the rates seeded at start are older
                assert (await replica.rate("USD", date(2025, 3, 11), 0)).per_eur == Decimal("1.0857")
                status = await replica.rates_status()
                assert status.fetched_at is not None and status.newest_day is not None
            finally:
                rt.stop.set()
                await asyncio.wait_for(asyncio.gather(*rt.tasks), 5)
    assert len(hits) == 1, "fetched since the last publication: no second fetch on the following ticks"


async def test_two_instances_fetch_once():
    """ENR-2: two instances at the same minute, each in its own transaction: one claims and fetches, the other
    skips the claimed row; after the commit it finds the fetch done."""
    with serving(zipped(HISTORY)) as (url, hits):
        async with temp_pool(settings(), bootstrap.MIGRATIONS) as pool:
            gate, calls = asyncio.Event(), []

            async def slow_fetch():
                calls.append(1)
                await gate.wait()
                return await ecb.fetch(url, 5)

            tx = partial(in_transaction, pool)
            first = asyncio.create_task(scheduler.tick(settings(), tx, slow_fetch, WED_1505))
            try:
                while not calls:  # the first instance holds the claim, its download in flight
                    await asyncio.sleep(0.01)
                second = scheduler.tick(settings(), tx, slow_fetch, WED_1505)
                assert (await asyncio.wait_for(second, 5)).outcome == "not_due", "nor waiting for the first one"
            finally:
                gate.set()
            assert (await first).outcome == "fetched"
            assert (await scheduler.tick(settings(), tx, slow_fetch, WED_1505)).outcome == "not_due"
    assert len(calls) == 1 and len(hits) == 1


async def test_a_url_that_does_not_answer_is_a_counted_failure_and_the_schedule_goes_on():
    """ENR-2: the download fails (nothing listens there): the failure is stored with its reason and counted,
    the next attempt waits, the task keeps running until stopped."""
    before = REGISTRY.get_sample_value("bf_enrichment_rates_fetch_failures_total") or 0.0
    async with temp_pool(settings(), bootstrap.MIGRATIONS) as pool:
        rt = SimpleNamespace(settings=settings(enrichment_rates_url="http://127.0.0.1:9/eurofxref-hist.zip"),
                             pool=pool, stop=asyncio.Event(), tasks=[])
        await bootstrap.on_start(rt, app=None)
        try:
            status = await wait_for(lambda: _failed(PgReplica(pool)), timeout=10)
            assert "127.0.0.1:9" in status.last_error and status.retry_at is not None
            await asyncio.sleep(0.3)  # several ticks: no second attempt before retry_at
            assert (await PgReplica(pool).rates_status()).failures == 1
            assert REGISTRY.get_sample_value("bf_enrichment_rates_fetch_failures_total") == before + 1
            assert not rt.tasks[0].done()
        finally:
            rt.stop.set()
            await asyncio.wait_for(asyncio.gather(*rt.tasks), 5)


async def _fetched(replica: PgReplica):
    status = await replica.rates_status()
    return status if status.fetched_at else None


async def _failed(replica: PgReplica):
    status = await replica.rates_status()
    return status if status.failures else None
