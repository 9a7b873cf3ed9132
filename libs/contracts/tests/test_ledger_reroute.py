"""A ledger.synced v1 posting outcome still in the topic is a booking.recorded (issue 19 item 5): every v1 action
mapped field by field under the v1 event id, a sync run left to ledger.synced."""
from __future__ import annotations

import json
from pathlib import Path
from uuid import UUID, uuid4

import pytest

from contracts.cloudevents import ce_type
from contracts.codec import deserialize, rerouted, serialize
from contracts.envelope import ContractError
from contracts.events import BookingRecorded
from contracts.events.bookings import from_ledger_synced_v1
from contracts.examples import example_events
from contracts.upcasting import rerouted_from

V1_POSTED = json.loads((Path(__file__).resolve().parents[1] / "schemas/ledger.synced.v1.json").read_text())[
    "examples"][0]
BOOKING = V1_POSTED["booking"]
OPEN_ITEM = {"reference": "OI-1", "kind": "payable", "amount": "121.00", "amount_open": "121.00"}


def _v1(**fields) -> dict:
    return {**V1_POSTED, "event_id": str(uuid4()), **fields}


def _headers(payload: dict, version: int = 1) -> list[tuple[str, bytes]]:
    return [("ce_specversion", b"1.0"), ("ce_id", payload["event_id"].encode()), ("ce_source", b"/services/sync"),
            ("ce_type", ce_type("ledger.synced", version).encode())]


def _moved(payload: dict) -> BookingRecorded:
    topic, event = rerouted("ledger.synced", json.dumps(payload).encode(), _headers(payload))
    assert topic == "booking.recorded" and isinstance(event, BookingRecorded)
    return event


def _envelope_kept(event: BookingRecorded, v1: dict) -> None:
    assert event.event_id == UUID(v1["event_id"]), "the same fact under the same id: an inbox deduplicates it"
    assert (str(event.office_id), str(event.dossier_id), event.correlation_id) == (
        v1["office_id"], v1["dossier_id"], v1["correlation_id"])
    assert event.occurred_at == deserialize("ledger.synced", json.dumps(v1).encode()).occurred_at
    assert (event.proposal_id, event.document_id) == (UUID(v1["proposal_id"]), UUID(v1["document_id"]))
    assert event.accounting_software == v1["accounting_software"] and event.schema_version == 1


def test_a_v1_posting_is_a_booking_recorded_with_the_records_it_created():
    v1 = _v1(master_data={**V1_POSTED["master_data"], "entries": [BOOKING], "open_items": [OPEN_ITEM]})
    event = _moved(v1)
    _envelope_kept(event, v1)
    assert (event.action, event.outcome, event.error_code, event.error_reason, event.error_params) == (
        "posted", "succeeded", None, None, {})
    assert event.booking.model_dump(mode="json") == BOOKING
    assert [c.reference for c in event.records.counterparties] == ["P-0007"]
    assert [o.reference for o in event.records.open_items] == ["OI-1"]
    assert event.records.entries == (), "the booked entry is `booking`, not a record"


def test_a_v1_posting_without_new_records_has_none():
    assert _moved(_v1(master_data={"entries": [BOOKING]})).records is None


def test_a_v1_refused_posting_keeps_why():
    v1 = _v1(outcome="failed", error_code="ClosedPeriod", error_reason="period 2025-03 is closed",
             error_params={"period": "2025-03"}, booking=None, master_data=None,
             sync={"run_id": str(uuid4()), "reason": "posting", "started_at": V1_POSTED["occurred_at"],
                   "finished_at": V1_POSTED["occurred_at"], "sync_status": "needs_collaborator"})
    event = _moved(v1)
    _envelope_kept(event, v1)
    assert (event.action, event.outcome, event.error_code, event.error_reason, event.error_params) == (
        "posted", "failed", "ClosedPeriod", "period 2025-03 is closed", {"period": "2025-03"})
    assert event.booking is None and event.records is None


def test_a_v1_deletion_and_a_refused_one():
    deleted = _v1(action="deleted", master_data=None)
    event = _moved(deleted)
    _envelope_kept(event, deleted)
    assert (event.action, event.outcome, event.booking.reference) == ("deleted", "succeeded", BOOKING["reference"])
    refused = _moved(_v1(action="deleted", outcome="failed", error_reason="entry is reconciled", booking=None,
                         master_data=None))
    assert (refused.action, refused.outcome, refused.error_reason, refused.booking) == (
        "deleted", "failed", "entry is reconciled", None)


def test_the_same_v1_message_is_the_same_event():
    v1 = _v1()
    assert _moved(v1) == _moved(dict(v1)), "a redelivery is the same event"
    assert _moved(v1).event_id != _moved(_v1()).event_id


def test_sync_runs_and_other_topics_are_their_own_events():
    run = {"run_id": str(uuid4()), "reason": "nightly", "started_at": V1_POSTED["occurred_at"],
           "finished_at": V1_POSTED["occurred_at"]}
    resynced = _v1(action="resynced", sync=run, booking=None, proposal_id=None, document_id=None)
    assert from_ledger_synced_v1(resynced) is None
    assert rerouted("ledger.synced", json.dumps(resynced).encode(), _headers(resynced)) is None
    v2 = example_events()["ledger.synced"]
    assert rerouted("ledger.synced", serialize(v2)) is None
    # a v2 header spares the JSON: not even a broken value is looked into
    assert rerouted("ledger.synced", b"not json", _headers({"event_id": str(uuid4())}, version=2)) is None
    recorded = example_events()["booking.recorded"]
    assert rerouted("booking.recorded", serialize(recorded)) is None
    assert rerouted_from("booking.recorded") == ("ledger.synced",) and rerouted_from("ledger.synced") == ()


def test_a_v1_posting_that_cannot_be_a_booking_recorded_names_why():
    with pytest.raises(ContractError, match="booking.recorded.*proposal_id"):
        rerouted("ledger.synced", json.dumps(_v1(proposal_id=None)).encode())
