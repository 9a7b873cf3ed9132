"""Issue 18 (dashboards, stage latency): the events of one document, through the inbox as the consumer applies them,
observe bf_stage_seconds{stage} once per stage with the stage event's time minus the upload's; a redelivery, a
document read again (a new document.received) and a second posting observe nothing more; a stage whose event comes
before document.received is observed when the upload becomes known."""
from __future__ import annotations

import itertools
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from contracts.examples import example_events
from prometheus_client import REGISTRY
from runtime.inbox import Delivery, apply_once

from reporting.entrypoints.kafka import EVENT_HANDLERS

pytestmark = pytest.mark.integration
UPLOAD = datetime(2026, 4, 2, 8, 0, tzinfo=timezone.utc)
STAGES = {"received": "document.received", "recognised": "document.recognized", "proposed": "proposal.created",
          "validated": "proposal.validated", "booked": "booking.recorded"}
_offsets = itertools.count()


def stage_event(topic: str, document_id: uuid.UUID, seconds: float, **fields):
    """The contract's example event of `topic`, for `document_id`, happened `seconds` after the upload."""
    return example_events()[topic].model_copy(update={
        "event_id": uuid.uuid4(), "document_id": document_id, "occurred_at": UPLOAD + timedelta(seconds=seconds),
        **fields})


async def deliver(pool, event, topic: str) -> bool:
    return await apply_once(pool, "reporting", Delivery(topic, 0, next(_offsets)), event, EVENT_HANDLERS[topic])


def observed() -> dict[str, tuple[float, float]]:
    """(count, sum) of bf_stage_seconds per stage so far (the registry is the process's)."""
    return {stage: (REGISTRY.get_sample_value("bf_stage_seconds_count", {"stage": stage}) or 0.0,
                    REGISTRY.get_sample_value("bf_stage_seconds_sum", {"stage": stage}) or 0.0) for stage in STAGES}


def added(before: dict, after: dict) -> dict[str, tuple[float, float]]:
    return {s: (after[s][0] - before[s][0], round(after[s][1] - before[s][1], 3)) for s in STAGES
            if after[s] != before[s]}


async def test_each_stage_of_a_document_is_observed_once_from_its_upload(pool):
    doc = uuid.uuid4()
    events = [stage_event("document.received", doc, 120, uploaded_at=UPLOAD),  # 2 min in the mailbox
              stage_event("document.recognized", doc, 125.5),
              stage_event("proposal.created", doc, 126),
              stage_event("proposal.validated", doc, 3600),
              stage_event("booking.recorded", doc, 3602.25)]
    before = observed()
    for event in events:
        assert await deliver(pool, event, event.EVENT_TYPE)
    once = observed()
    assert added(before, once) == {"received": (1, 120), "recognised": (1, 125.5), "proposed": (1, 126),
                                   "validated": (1, 3600), "booked": (1, 3602.25)}

    for event in events:  # redelivered: the inbox knows them
        assert not await deliver(pool, event, event.EVENT_TYPE)
    read_again = stage_event("document.received", doc, 7200, uploaded_at=UPLOAD)  # WL-13: a new event, same document
    posted_again = stage_event("booking.recorded", doc, 9000)  # withdrawn, validated and posted again
    assert await deliver(pool, read_again, "document.received")
    assert await deliver(pool, posted_again, "booking.recorded")
    assert observed() == once


async def test_a_stage_before_the_upload_is_known_is_observed_when_document_received_arrives(pool):
    doc = uuid.uuid4()
    before = observed()
    assert await deliver(pool, stage_event("proposal.created", doc, 30), "proposal.created")
    assert await deliver(pool, stage_event("document.recognized", doc, 20), "document.recognized")
    assert added(before, observed()) == {}
    # an event published before uploaded_at existed: the upload is the time it went into processing
    assert await deliver(pool, stage_event("document.received", doc, 5, uploaded_at=None), "document.received")
    assert added(before, observed()) == {"received": (1, 0), "recognised": (1, 15), "proposed": (1, 25)}


async def test_a_failed_reading_and_a_refused_posting_are_no_stage(pool):
    doc = uuid.uuid4()
    assert await deliver(pool, stage_event("document.received", doc, 0, uploaded_at=UPLOAD), "document.received")
    before = observed()
    assert await deliver(pool, stage_event("document.recognized", doc, 10, status="technical_error",
                                           error_code="timeout", error_reason="took too long"), "document.recognized")
    assert await deliver(pool, stage_event("booking.recorded", doc, 20, outcome="failed"), "booking.recorded")
    assert added(before, observed()) == {}
