"""ledger.synced split in two (issue 19 item 5): booking.recorded carries a proposal's posting or deletion,
ledger.synced v2 the sync runs and their master data; a v1 ledger.synced still in the topic is upcast."""
from __future__ import annotations

import json
from pathlib import Path
from uuid import NAMESPACE_URL, uuid4, uuid5

import pytest
from pydantic import ValidationError

from contracts.codec import deserialize, serialize
from contracts.events import BookingRecorded, LedgerSynced
from contracts.examples import example_events
from contracts.registry import INTEGRATOR_TOPICS, TOPICS

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
V1_POSTED = json.loads((SCHEMAS / "ledger.synced.v1.json").read_text())["examples"][0]
BOOKING = V1_POSTED["booking"]


def _v1(**fields) -> bytes:
    payload = {k: v for k, v in V1_POSTED.items() if k not in ("master_data", "booking", "sync")}
    return json.dumps({**payload, "event_id": str(uuid4()), **fields}).encode()


def test_each_event_has_its_topic_and_both_are_public():
    assert TOPICS["booking.recorded"].model is BookingRecorded and TOPICS["ledger.synced"].model is LedgerSynced
    assert LedgerSynced.SCHEMA_VERSION == 2 and {"booking.recorded", "ledger.synced"} <= set(INTEGRATOR_TOPICS)
    assert "action" not in LedgerSynced.model_fields and "proposal_id" not in LedgerSynced.model_fields


def test_booking_recorded_travels_and_names_its_proposal():
    event = example_events()["booking.recorded"]
    back = deserialize("booking.recorded", serialize(event))
    assert back == event and back.booking.total == event.booking.total
    with pytest.raises(ValidationError, match="proposal_id"):
        BookingRecorded.model_validate({**event.model_dump(), "proposal_id": None})


def test_ledger_synced_v2_is_a_sync_run():
    event = example_events()["ledger.synced"]
    assert deserialize("ledger.synced", serialize(event)) == event
    with pytest.raises(ValidationError, match="sync"):
        LedgerSynced.model_validate({**event.model_dump(), "sync": None})


def test_v1_resynced_keeps_its_run_and_records():
    run = {"run_id": str(uuid4()), "reason": "nightly", "started_at": V1_POSTED["occurred_at"],
           "finished_at": V1_POSTED["occurred_at"], "sync_status": "ok"}
    event = deserialize("ledger.synced", _v1(action="resynced", sync=run,
                                             master_data={"accounts": [{"code": "604000", "name": "Goods"}]}))
    assert event.schema_version == 2 and event.sync.reason == "nightly" and str(event.sync.run_id) == run["run_id"]
    assert [a.code for a in event.master_data.accounts] == ["604000"]


def test_v1_posted_keeps_its_master_data_as_a_posting_run():
    """The committed v1 example is a posting: its new counterparty and booked entry stay for the replicas."""
    event = deserialize("ledger.synced", json.dumps(V1_POSTED).encode())
    assert event.sync.reason == "posting" and event.outcome == "succeeded"
    assert [c.reference for c in event.master_data.counterparties] == ["P-0007"]


def test_v1_deleted_becomes_a_run_that_deletes_the_booking_records():
    value = _v1(action="deleted", booking=BOOKING)
    event = deserialize("ledger.synced", value)
    event_id = json.loads(value)["event_id"]
    assert event.sync.run_id == uuid5(NAMESPACE_URL, f"ledger.synced:{event_id}")  # the same run on redelivery
    assert (event.sync.reason, event.sync.sync_status, event.sync.finished_at) == ("posting", "ok", event.occurred_at)
    assert {(d.kind, d.reference) for d in event.master_data.deleted} == {
        ("entries", BOOKING["reference"]), ("open_items", BOOKING["reference"])}


def test_v1_refused_deletion_deletes_nothing_and_needs_support():
    event = deserialize("ledger.synced", _v1(action="deleted", outcome="failed", error_reason="locked",
                                             booking=BOOKING))
    assert event.master_data is None and event.sync.sync_status == "needs_support" and event.error_reason == "locked"
