"""The sync-connector as a real process on test topics (tests/integration/test_crash.py).

Environment: BF_TEST_TOPICS = JSON {contract topic: test topic}; BF_PG_DATABASE, BF_CONSUMER_GROUP and
BF_SYNC_LEDGER_TOPIC as for the service. With BF_TEST_CRASH_AFTER_POST=1 the process dies (exit 137,
no cleanup) the moment Tryton has posted a booking, before the message's transaction commits and
before its offset is acknowledged.
"""
from __future__ import annotations

import asyncio
import json
import os

from runtime import service

from sync_connector.adapters.registry import Adapters
from sync_connector.bootstrap import MIGRATIONS
from sync_connector.config import SyncSettings
from sync_connector.handlers.context import Deps, DepsHolder
from sync_connector.handlers.events import USE_CASES, event_handlers


def crash_after_post(adapters: Adapters) -> None:
    adapter = adapters.get("tryton", "local")
    post = adapter.post_booking

    async def post_then_die(code, order):
        await post(code, order)
        os._exit(137)

    adapter.post_booking = post_then_die


async def main() -> None:
    topics = json.loads(os.environ["BF_TEST_TOPICS"])
    settings = SyncSettings(service="sync-connector")
    adapters = Adapters(settings)
    if os.environ.get("BF_TEST_CRASH_AFTER_POST") == "1":
        crash_after_post(adapters)
    holder = DepsHolder()
    handlers = event_handlers(holder.get)
    spec = service.ServiceSpec(name="sync-connector", migrations=MIGRATIONS,
                               handlers={topics[t]: handlers[t] for t in USE_CASES},
                               topic_contracts={topics[t]: t for t in USE_CASES}, settings_cls=SyncSettings)
    rt = await service.start(spec, settings)
    holder.set(Deps(pool=rt.pool, settings=settings, adapters=adapters))
    try:
        await asyncio.Event().wait()
    finally:
        await service.stop(rt)


if __name__ == "__main__":
    asyncio.run(main())
