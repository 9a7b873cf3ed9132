"""A ledger.synced v1 posting outcome read by EventConsumer (issue 19 item 5): applied once by the service's
booking.recorded handler under the v1 event id, never by its ledger.synced handler, skipped by a
service without booking.recorded; a booking.recorded consumer reads ledger.synced too."""
import json
import uuid
from pathlib import Path

from contracts.cloudevents import ce_type, to_headers
from contracts.codec import serialize
from contracts.events import BookingRecorded, LedgerSynced
from contracts.examples import example_events

from runtime.consumer import EventConsumer, Outcome, reroute_sources
from runtime.inbox import Delivery
from runtime.testing import load_beside

V1 = json.loads((Path(__file__).resolve().parents[3] / "contracts/schemas/ledger.synced.v1.json").read_text())[
    "examples"][0]
LEDGER = Delivery("ledger.synced", 0, 3)


FakePool = load_beside(Path(__file__).resolve().parent / "consumer_fakes.py").FakePool


def v1_message(**fields) -> tuple[bytes, list]:
    payload = {**V1, "event_id": str(uuid.uuid4()), **fields}
    headers = [("ce_specversion", b"1.0"), ("ce_id", payload["event_id"].encode()), ("ce_source", b"/services/sync"),
               ("ce_type", ce_type("ledger.synced", 1).encode())]
    return json.dumps(payload).encode(), headers


def consumer(handlers, sources=None):
    return EventConsumer(FakePool(), None, service="t", name="g", handlers=handlers, attempts=1, backoff_s=0,
                         sources=sources)


def recorder():
    seen = []

    async def handle(conn, event, deps):
        seen.append(event)
    return handle, seen


async def test_a_v1_posting_reaches_the_booking_handler_once_and_not_the_ledger_one():
    on_booking, bookings = recorder()
    on_ledger, ledgers = recorder()
    c = consumer({"ledger.synced": on_ledger, "booking.recorded": on_booking})
    value, headers = v1_message()
    assert await c.process(LEDGER, value, headers, b"d") is Outcome.APPLIED
    assert await c.process(Delivery("ledger.synced", 0, 3), value, headers, b"d") is Outcome.DUPLICATE
    (event,) = bookings
    assert isinstance(event, BookingRecorded) and str(event.proposal_id) == V1["proposal_id"]
    assert str(event.event_id) == json.loads(value)["event_id"]
    assert ledgers == [], "a posting outcome is not master data"


async def test_sync_runs_still_reach_the_ledger_handler():
    on_booking, bookings = recorder()
    on_ledger, ledgers = recorder()
    c = consumer({"ledger.synced": on_ledger, "booking.recorded": on_booking})
    run = {"run_id": str(uuid.uuid4()), "reason": "nightly", "started_at": V1["occurred_at"],
           "finished_at": V1["occurred_at"]}
    value, headers = v1_message(action="resynced", sync=run, booking=None)
    assert await c.process(LEDGER, value, headers, b"d") is Outcome.APPLIED
    v2 = example_events()["ledger.synced"]
    assert await c.process(LEDGER, serialize(v2), to_headers(v2, source="/t"), b"d") is Outcome.APPLIED
    assert [type(e) for e in ledgers] == [LedgerSynced, LedgerSynced] and bookings == []


async def test_a_v1_posting_applied_from_ledger_synced_before_the_upgrade_is_not_applied_again():
    """An old consumer applied the v1 message with its ledger.synced handler and died before committing the offset:
    the upgraded one finds its id in the inbox."""
    on_booking, bookings = recorder()
    c = consumer({"ledger.synced": recorder()[0], "booking.recorded": on_booking})
    value, headers = v1_message()
    c.pool.inbox.add(("g", uuid.UUID(json.loads(value)["event_id"])))
    assert await c.process(LEDGER, value, headers, b"d") is Outcome.DUPLICATE and bookings == []


async def test_a_ledger_only_service_skips_a_v1_posting():
    on_ledger, ledgers = recorder()
    c = consumer({"ledger.synced": on_ledger})
    value, headers = v1_message()
    assert await c.process(LEDGER, value, headers, b"d") is Outcome.SKIPPED
    assert ledgers == [] and c.pool.inbox == set()


async def test_a_booking_only_service_reads_ledger_synced_for_v1_postings_alone():
    on_booking, bookings = recorder()
    c = consumer({"booking.recorded": on_booking}, sources=reroute_sources(["booking.recorded"], {}))
    assert c.topics == ["booking.recorded", "ledger.synced"]
    value, headers = v1_message(action="deleted", master_data=None)
    assert await c.process(LEDGER, value, headers, b"d") is Outcome.APPLIED
    v2 = example_events()["ledger.synced"]
    assert await c.process(LEDGER, serialize(v2), to_headers(v2, source="/t"), b"d") is Outcome.SKIPPED
    assert [(e.action, e.booking.reference) for e in bookings] == [("deleted", V1["booking"]["reference"])]


def test_sources_follow_the_names_a_spec_reads_its_topics_under():
    assert reroute_sources(["booking.recorded", "ledger.synced"], {}) == {}
    assert reroute_sources(["booking.recorded"], {}) == {"ledger.synced": "ledger.synced"}
    assert reroute_sources(["t-b"], {"t-b": "booking.recorded"}) == {}, "a test's topic leads to no production one"
    assert reroute_sources(["t-b"], {"t-b": "booking.recorded", "t-l": "ledger.synced"}) == {"t-l": "ledger.synced"}
    assert reroute_sources(["dossier.changed"], {}) == {}
