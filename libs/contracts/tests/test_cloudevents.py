"""Unit tests of the CloudEvents 1.0 Kafka binary-mode headers."""
from __future__ import annotations

import pytest

from contracts.cloudevents import ce_type, from_headers, parse_ce_type, to_headers
from contracts.envelope import ContractError
from contracts.examples import example_events


def test_headers_carry_the_envelope():
    event = example_events()["document.received"]
    headers = to_headers(event, source="/services/ingest", extra={"traceparent": "00-abc-def-01"})
    assert all(isinstance(name, str) and isinstance(value, bytes) for name, value in headers)
    decoded = {name: value.decode() for name, value in headers}
    assert decoded == {
        "ce_specversion": "1.0",
        "ce_id": str(event.event_id),
        "ce_source": "/services/ingest",
        "ce_type": "be.bookingfactory.document.received.v2",
        "ce_time": "2025-03-14T09:30:00Z",
        "ce_subject": str(event.dossier_id),
        "content-type": "application/json",
        "ce_correlationid": "req-7f3a",
        "ce_schemaversion": "2",
        "ce_officeid": str(event.office_id),
        "traceparent": "00-abc-def-01",
    }


def test_no_subject_without_dossier():
    event = example_events()["sync.requested"].model_copy(update={"dossier_id": None})
    assert "ce_subject" not in dict(to_headers(event, source="/services/worklist"))


def test_extra_headers_cannot_replace_cloudevents_ones():
    with pytest.raises(ContractError, match="ce_id"):
        to_headers(example_events()["sync.requested"], source="/x", extra={"ce_id": "forged"})


def test_from_headers_accepts_kafka_tuples_and_dicts():
    headers = to_headers(example_events()["payment.approved"], source="/services/payments")
    as_list = from_headers(headers)
    as_dict = from_headers({name: value.decode() for name, value in headers})
    assert as_list == as_dict and as_list["ce_type"] == "be.bookingfactory.payment.approved.v1"
    assert from_headers([*headers, ("empty", None)]) == as_list


@pytest.mark.parametrize("drop", ["ce_id", "ce_type", "ce_source", "ce_specversion"])
def test_required_headers_must_be_present(drop):
    headers = [h for h in to_headers(example_events()["ledger.synced"], source="/s") if h[0] != drop]
    with pytest.raises(ContractError, match=f"missing CloudEvents header.*{drop}"):
        from_headers(headers)


def test_specversion_must_be_1_0():
    headers = dict(to_headers(example_events()["ledger.synced"], source="/s"))
    with pytest.raises(ContractError, match="ce_specversion"):
        from_headers({**headers, "ce_specversion": b"0.3"})


def test_ce_type_round_trip_and_errors():
    assert parse_ce_type(ce_type("proposal.created", 3)) == ("proposal.created", 3)
    for bad in ("document.received", "com.example.document.received.v1", "be.bookingfactory.x.v0"):
        with pytest.raises(ContractError, match="ce_type"):
            parse_ce_type(bad)
