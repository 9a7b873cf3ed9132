"""The recognition worker as a real process on test topics, for test_two_phase_kill.py.

Environment: BF_PG_DATABASE and BF_CONSUMER_GROUP as for the service; BF_TEST_INBOUND / BF_TEST_OUTBOUND the
test's document.received / document.recognized topics; BF_TEST_HOLD_S: after a document was read (its outcome
kept by file hash) and before the short inbox transaction, print "prepared <document id>" and wait that long,
the window in which the test kills the process with -9.
"""
from __future__ import annotations

import asyncio
import os
from dataclasses import replace

from runtime import service
from runtime.inbox import TwoPhase
from runtime.testing import on_test_topics, with_deps

from recognition.bootstrap import SPEC, deps_from
from recognition.config import RecognitionSettings


def holding(reading: TwoPhase, hold_s: float) -> TwoPhase:
    async def prepare(pool, event, deps):
        prepared = await reading.prepare(pool, event, deps)
        print(f"prepared {event.document_id}", flush=True)
        await asyncio.sleep(hold_s)
        return prepared

    return replace(reading, prepare=prepare)


async def main() -> None:
    inbound, outbound = os.environ["BF_TEST_INBOUND"], os.environ["BF_TEST_OUTBOUND"]
    settings = RecognitionSettings(service="recognition")
    deps = deps_from(settings)
    reading = holding(SPEC.handlers["document.received"], float(os.environ.get("BF_TEST_HOLD_S", "0")))
    spec = on_test_topics(replace(SPEC, handlers={"document.received": reading}), {inbound: "document.received"},
                          publishes={"document.recognized": outbound})
    spec = with_deps(spec, deps)
    rt = await service.start(spec, settings)
    try:
        await asyncio.Event().wait()
    finally:
        await service.stop(rt)
        deps.sandbox.close()


if __name__ == "__main__":
    asyncio.run(main())
