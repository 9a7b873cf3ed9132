"""The sync-connector as a real process on test topics (tests/integration/test_crash.py).

Environment: BF_TEST_TOPICS = JSON {contract topic: test topic} of what it consumes, BF_TEST_PUBLISHES the same of
what it publishes; BF_PG_DATABASE and BF_CONSUMER_GROUP as for the service. With BF_TEST_CRASH_AFTER_POST=1 the
process dies (exit 137, no cleanup) the moment Tryton has posted a booking, before the message's transaction
commits and before its offset is acknowledged.
"""
from __future__ import annotations

import asyncio
import json
import os
from dataclasses import replace

from runtime import service
from runtime.testing import on_test_topics

from sync_connector.adapters.registry import Adapters
from sync_connector.bootstrap import SPEC
from sync_connector.config import SyncSettings
from sync_connector.handlers.context import Deps


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

    async def crashing_deps(rt: service.Runtime) -> Deps:
        return Deps(pool=rt.pool, settings=settings, adapters=adapters)

    publishes = json.loads(os.environ.get("BF_TEST_PUBLISHES", "{}"))
    spec = replace(on_test_topics(SPEC, {topics[t]: t for t in SPEC.handlers}, publishes=publishes), deps=crashing_deps)
    rt = await service.start(spec, settings)
    try:
        await asyncio.Event().wait()
    finally:
        await service.stop(rt)


if __name__ == "__main__":
    asyncio.run(main())
