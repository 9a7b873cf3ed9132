"""Unit tests of the event envelope: defaults, immutability, producer strictness."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from uuid import UUID, uuid4

import pytest
from pydantic import ValidationError

from contracts.envelope import ContractModel, Event
from contracts.events import ALL_EVENTS, DocumentReceived
from contracts.examples import example_events

OFFICE = uuid4()


def _received(**overrides) -> DocumentReceived:
    fields = dict(correlation_id="c-1", office_id=OFFICE, document_id=uuid4(), source="portal",
                  mailbox="purchases", filename="a.pdf", content_type="application/pdf", size_bytes=10,
                  sha256="0" * 64, storage_key="originals/x")
    return DocumentReceived(**{**fields, **overrides})


def test_envelope_defaults():
    event = _received()
    assert isinstance(event.event_id, UUID)
    assert event.occurred_at.tzinfo is not None and event.occurred_at.utcoffset() == timedelta(0)
    assert abs(datetime.now(timezone.utc) - event.occurred_at) < timedelta(seconds=5)
    assert event.schema_version == DocumentReceived.SCHEMA_VERSION == 2
    assert event.dossier_id is None
    assert _received().event_id != event.event_id


def test_occurred_at_is_normalised_to_utc_and_must_be_aware():
    brussels = timezone(timedelta(hours=1))
    assert _received(occurred_at=datetime(2025, 1, 1, 12, tzinfo=brussels)).occurred_at == \
        datetime(2025, 1, 1, 11, tzinfo=timezone.utc)
    assert _received(occurred_at=datetime(2025, 1, 1, 12, tzinfo=brussels)).occurred_at.tzinfo == timezone.utc
    with pytest.raises(ValidationError, match="occurred_at"):
        _received(occurred_at=datetime(2025, 1, 1, 12))


def test_envelope_fields_are_required_where_no_default_makes_sense():
    with pytest.raises(ValidationError) as info:
        DocumentReceived(document_id=uuid4())
    missing = {error["loc"][0] for error in info.value.errors() if error["type"] == "missing"}
    assert {"correlation_id", "office_id"} <= missing


def test_event_is_frozen_also_nested():
    event = example_events()["proposal.created"]
    with pytest.raises(ValidationError, match="frozen"):
        event.correlation_id = "other"
    with pytest.raises(ValidationError, match="frozen"):
        event.counterparty.name = "other"
    assert isinstance(event.lines, tuple)


@pytest.mark.parametrize("bad", [{"sizebytes": 1}, {"unknown_field": "x"}])
def test_producer_refuses_unknown_fields(bad):
    """A typo in a field name fails at the producer instead of silently losing data."""
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        _received(**bad)


def test_producer_refuses_unknown_nested_fields():
    payload = example_events()["payment.approved"].model_dump()
    payload["creditor"]["nickname"] = "x"
    with pytest.raises(ValidationError, match="creditor.nickname"):
        type(example_events()["payment.approved"])(**payload)


def test_producer_refuses_mistyped_values():
    with pytest.raises(ValidationError, match="size_bytes"):
        _received(size_bytes="ten")
    with pytest.raises(ValidationError, match="source"):
        _received(source="fax")
    with pytest.raises(ValidationError, match="sha256"):
        _received(sha256="not-a-digest")


def test_schema_version_other_than_current_is_refused():
    with pytest.raises(ValidationError, match="schema_version"):
        _received(schema_version=3)


def test_every_wire_model_is_frozen_and_strict():
    """Every event and every nested model inherits the contract configuration."""
    seen: set[type] = set()

    def walk(model: type) -> None:
        if model in seen:
            return
        seen.add(model)
        assert issubclass(model, ContractModel), model
        assert model.model_config["frozen"] and model.model_config["extra"] == "forbid", model
        for field in model.model_fields.values():
            for arg in _models_in(field.annotation):
                walk(arg)

    for event in ALL_EVENTS:
        assert issubclass(event, Event) and event.EVENT_TYPE
        walk(event)
    assert len(seen) > len(ALL_EVENTS)


def _models_in(annotation) -> list[type]:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, ContractModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]
