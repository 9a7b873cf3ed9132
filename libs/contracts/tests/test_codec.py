"""Unit tests of the codec: round trips, tolerant consumers, and clear contract errors."""
from __future__ import annotations

import json

import pytest

from contracts.cloudevents import to_headers
from contracts.codec import deserialize, serialize
from contracts.envelope import ContractError
from contracts.examples import example_events
from contracts.registry import TOPICS, topic_for

EXAMPLES = example_events()


def _payload(event_type: str) -> dict:
    return json.loads(serialize(EXAMPLES[event_type]))


def _value(payload: dict) -> bytes:
    return json.dumps(payload).encode()


@pytest.mark.parametrize("event_type", sorted(TOPICS))
def test_every_event_round_trips_with_cloudevents_headers(event_type):
    event = EXAMPLES[event_type]
    topic = topic_for(event)
    headers = to_headers(event, source="/services/test")
    decoded = deserialize(topic.name, serialize(event), headers)
    assert decoded == event and type(decoded) is type(event)
    assert deserialize(topic.name, serialize(event)) == event  # headers are optional


def test_serialised_money_is_a_string():
    """PAY-2 amount and WL-8 line amounts travel as strings."""
    payload = _payload("payment.approved")
    assert payload["amount"] == "121.00"
    proposal = _payload("proposal.created")
    assert proposal["lines"][0]["net_amount"] == "100.00" and proposal["totals"]["gross"] == "121.00"


def test_consumer_ignores_unknown_fields_also_nested():
    payload = _payload("proposal.validated")
    payload["added_later"] = {"anything": 1}
    payload["counterparty"]["added_later"] = "x"
    payload["lines"][0]["cost_centre"] = "CC1"
    event = deserialize("proposal.validated", _value(payload))
    assert event == EXAMPLES["proposal.validated"]


def test_money_given_as_a_json_number_is_refused():
    payload = _payload("payment.approved")
    payload["amount"] = 121.0
    with pytest.raises(ContractError, match=r"payment.approved: invalid payment.approved v1: field 'amount'"):
        deserialize("payment.approved", _value(payload))


def test_invalid_field_is_named():
    payload = _payload("document.received")
    payload["size_bytes"] = "big"
    del payload["mailbox"]
    with pytest.raises(ContractError) as info:
        deserialize("document.received", _value(payload))
    assert "field 'size_bytes'" in str(info.value) and "field 'mailbox': Field required" in str(info.value)
    assert info.value.topic == "document.received" and set(info.value.fields) == {"size_bytes", "mailbox"}


def test_nested_invalid_field_is_named_with_its_path():
    payload = _payload("proposal.created")
    payload["lines"][0]["account"] = ""
    with pytest.raises(ContractError, match=r"field 'lines\.0\.account'"):
        deserialize("proposal.created", _value(payload))


@pytest.mark.parametrize("value, reason", [
    (b"{not json", "not valid UTF-8 JSON"), (b"\xff\xfe", "not valid UTF-8 JSON"),
    (b"[1, 2]", "must be a JSON object"),
])
def test_undecodable_values(value, reason):
    with pytest.raises(ContractError, match=f"ledger.synced: value .*{reason}"):
        deserialize("ledger.synced", value)


def test_unknown_topic():
    with pytest.raises(ContractError, match="unknown topic 'document.lost'"):
        deserialize("document.lost", serialize(EXAMPLES["document.received"]))


def test_future_schema_version_is_refused_clearly():
    payload = {**_payload("sync.requested"), "schema_version": 2}
    with pytest.raises(ContractError, match="schema_version 2 is newer than this consumer reads \\(1\\)"):
        deserialize("sync.requested", _value(payload))


@pytest.mark.parametrize("version", [None, "1", 0, True])
def test_missing_or_bad_schema_version(version):
    payload = _payload("sync.requested")
    payload.pop("schema_version")
    if version is not None:
        payload["schema_version"] = version
    with pytest.raises(ContractError, match="sync.requested: .*schema_version"):
        deserialize("sync.requested", _value(payload))


def test_headers_must_match_the_topic_and_the_event():
    event = EXAMPLES["document.received"]
    other = to_headers(EXAMPLES["ledger.synced"], source="/s")
    with pytest.raises(ContractError, match="is not a document.received event"):
        deserialize("document.received", serialize(event), other)
    forged = [(n, v) if n != "ce_id" else (n, b"other-id") for n, v in to_headers(event, source="/s")]
    with pytest.raises(ContractError, match="ce_id other-id differs from event_id"):
        deserialize("document.received", serialize(event), forged)
    with pytest.raises(ContractError, match="missing CloudEvents header"):
        deserialize("document.received", serialize(event), [("content-type", b"application/json")])


def test_dead_letter_topic_decodes_like_its_topic():
    event = EXAMPLES["notification.requested"]
    assert deserialize("notification.requested.dlq", serialize(event)) == event


def test_serialize_refuses_non_events():
    with pytest.raises(ContractError):
        serialize({"not": "an event"})  # type: ignore[arg-type]


def test_document_received_v1_upload_is_read_as_portal():
    """ING-1: v1 called a portal upload 'upload'; a stored v1 message reads as source 'portal' (v2)."""
    payload = {**_payload("document.received"), "schema_version": 1, "source": "upload"}
    event = deserialize("document.received", _value(payload))
    assert event.source == "portal" and event.schema_version == 2
