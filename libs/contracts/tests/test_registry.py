"""Unit tests of the topic registry: one topic per event, keys, dead-letter topics."""
from __future__ import annotations

from uuid import uuid4

import pytest

from contracts.envelope import ContractError, Event
from contracts.events import ALL_EVENTS, DossierChanged, SyncRequested
from contracts.examples import example_events
from contracts.registry import TOPICS, Topic, all_topic_names, topic_for

CARD_NAMES = {"document.received", "proposal.created", "proposal.validated", "payment.approved", "ledger.synced"}


def test_one_topic_per_event_named_after_its_event_type():
    assert {t.model for t in TOPICS.values()} == set(ALL_EVENTS)
    for name, topic in TOPICS.items():
        assert name == topic.name == topic.model.EVENT_TYPE
        assert topic.partitions == 12 and topic.description
    assert CARD_NAMES <= set(TOPICS)  # the names DESIGN.md fixes


def test_dead_letter_topic_and_topic_names():
    assert TOPICS["document.received"].dlq == "document.received.dlq"
    names = all_topic_names()
    assert names[: len(TOPICS)] == list(TOPICS)
    assert set(names[len(TOPICS):]) == {f"{n}.dlq" for n in TOPICS}
    assert all_topic_names(include_dlq=False) == list(TOPICS)


def test_key_is_the_dossier_id():
    event = example_events()["document.received"]
    assert topic_for(event).key(event) == str(event.dossier_id).encode()


def test_key_falls_back_to_the_office_id():
    event = SyncRequested.model_validate({**example_events()["sync.requested"].model_dump(), "dossier_id": None})
    assert topic_for(event).key(event) == str(event.office_id).encode()


def test_key_refuses_an_event_of_another_topic():
    with pytest.raises(ContractError, match="dossier.changed carries DossierChanged"):
        TOPICS["dossier.changed"].key(example_events()["document.received"])


def test_topic_for_event_or_model():
    assert topic_for(DossierChanged) is TOPICS["dossier.changed"]
    assert topic_for(example_events()["dossier.changed"]) is TOPICS["dossier.changed"]

    class Stray(Event):
        EVENT_TYPE = "stray.event"

    with pytest.raises(ContractError, match="no topic is registered for Stray"):
        topic_for(Stray)


def test_topic_is_a_frozen_value():
    topic = Topic("x.y", SyncRequested, "test")
    with pytest.raises(AttributeError):
        topic.name = "z"  # type: ignore[misc]
    assert topic.key(SyncRequested(correlation_id="c", office_id=(o := uuid4()), reason="nightly")) == \
        str(o).encode()
