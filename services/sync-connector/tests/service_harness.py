"""The sync-connector running in-process on the real Kafka and Postgres, on its own topics."""
from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace

from contracts.cloudevents import to_headers
from contracts.codec import serialize
from contracts.events.dossiers import AccountingLink, DossierChanged, DossierSnapshot
from runtime import kafka, service
from runtime.db import drop_database
from runtime.testing import on_test_topics, read_topic, temp_topics

from sync_connector.adapters.registry import Adapters
from sync_connector.bootstrap import SPEC
from sync_connector.config import SyncSettings
from sync_connector.handlers.context import Deps

INPUTS = tuple(SPEC.handlers)


@dataclass
class Running:
    settings: SyncSettings
    topics: dict[str, str]  # contract topic -> test topic (inputs, ledger.synced and booking.recorded)
    deps: Deps
    rt: service.Runtime

    async def publish(self, event, contract_topic: str) -> None:
        producer = kafka.idempotent_producer(self.settings)
        await producer.start()
        try:
            await producer.send_and_wait(self.topics[contract_topic], serialize(event),
                                         key=str(event.dossier_id).encode(), headers=to_headers(event, source="/tests"))
        finally:
            await producer.stop()

    async def ledger(self, expect: int, timeout: float = 30.0, **match) -> list[dict]:
        """ledger.synced events (sync runs, as JSON) whose fields equal `match`, once `expect` of them arrived."""
        return await self._read("ledger.synced", expect, timeout, match)

    async def bookings(self, expect: int, timeout: float = 30.0, **match) -> list[dict]:
        """booking.recorded events (postings and deletions, as JSON) whose fields equal `match`."""
        return await self._read("booking.recorded", expect, timeout, match)

    async def _read(self, contract_topic: str, expect: int, timeout: float, match: dict) -> list[dict]:
        import asyncio
        deadline = asyncio.get_running_loop().time() + timeout
        found: list[dict] = []
        while asyncio.get_running_loop().time() < deadline:
            records = await read_topic(self.settings, self.topics[contract_topic], expect=10_000, timeout=1.5)
            found = [e for e in (json.loads(r.value) for r in records)
                     if all(e.get(k) == (str(v) if isinstance(v, uuid.UUID) else v) for k, v in match.items())]
            if len(found) >= expect:
                return found
        return found


@contextlib.asynccontextmanager
async def running(adapters: Adapters | None = None, **overrides) -> AsyncIterator[Running]:
    base = SyncSettings(service="sync-connector")
    async with temp_topics(base, *INPUTS, "ledger.synced", "booking.recorded") as names:
        topics = dict(zip(INPUTS, names[:len(INPUTS)]))
        topics["ledger.synced"], topics["booking.recorded"] = names[len(INPUTS):len(INPUTS) + 2]
        settings = SyncSettings(service="sync-connector", pg_database=f"test_sync_{uuid.uuid4().hex[:8]}",
                                consumer_group=f"test-sync-{uuid.uuid4().hex[:8]}", retry_backoff_s=0.05, **overrides)
        # what it publishes goes to the test's topics too; sync.requested (the scheduler's) back to its own input
        publishes = {t: topics[t] for t in ("ledger.synced", "booking.recorded", "sync.requested")}

        async def test_deps(rt: service.Runtime) -> Deps:  # the test's adapters (fakes), no bucket
            return Deps(pool=rt.pool, settings=settings, adapters=adapters or Adapters(settings))

        spec = replace(on_test_topics(SPEC, {topics[t]: t for t in INPUTS}, publishes=publishes), deps=test_deps)
        rt = await service.start(spec, settings)
        deps = rt.deps
        try:
            yield Running(settings=settings, topics=topics, deps=deps, rt=rt)
        finally:
            await service.stop(rt)
            await deps.adapters.close()
            await drop_database(settings.dsn("postgres"), settings.database)


def activated(office_id: uuid.UUID, dossier_id: uuid.UUID, code: str, *, software: str = "tryton",
              nightly: bool = True) -> DossierChanged:
    return DossierChanged(
        correlation_id=f"test-activate-{code}", office_id=office_id, dossier_id=dossier_id, change="activated",
        dossier=DossierSnapshot(name="Testbedrijf BV", code=code.upper(), status="active",
                                settings={"nightly_sync": nightly},
                                accounting=AccountingLink(software=software, installation="local", dossier_code=code)))
