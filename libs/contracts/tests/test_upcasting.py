"""Unit tests of upcasting with a test-only pair of models (v1 stored, v3 current)."""
from __future__ import annotations

import json
from typing import ClassVar
from uuid import uuid4

import pytest

from contracts.codec import deserialize
from contracts.compat import check_history
from contracts.envelope import ContractError, Event
from contracts.money import Money
from contracts.registry import Topic
from contracts.upcasting import UPCASTERS, has_upcast_path, upcast


class WidgetV1(Event):
    """The old shape, as stored messages still have it: a float-free 'price' and a 'label'."""

    EVENT_TYPE: ClassVar[str] = "test.widget"
    SCHEMA_VERSION: ClassVar[int] = 1
    label: str
    price: Money


class Widget(Event):
    """The current shape: 'label' renamed to 'name' (v2), 'price' became 'amount' + 'currency' (v3)."""

    EVENT_TYPE: ClassVar[str] = "test.widget"
    SCHEMA_VERSION: ClassVar[int] = 3
    name: str
    amount: Money
    currency: str


def upcast_v1_v2(payload: dict) -> dict:
    payload["name"] = payload.pop("label")
    return payload


def upcast_v2_v3(payload: dict) -> dict:
    payload["amount"] = payload.pop("price")
    payload["currency"] = "EUR"
    return payload


TOPICS = {"test.widget": Topic("test.widget", Widget, "test only")}
CHAIN = {("test.widget", 1): upcast_v1_v2, ("test.widget", 2): upcast_v2_v3}


def _old_value() -> bytes:
    old = WidgetV1(correlation_id="c", office_id=uuid4(), label="bolt", price="2.50")
    return old.model_dump_json().encode()


def test_deserialize_chains_upcasters_to_the_current_version():
    event = deserialize("test.widget", _old_value(), topics=TOPICS, upcasters=CHAIN)
    assert isinstance(event, Widget) and event.schema_version == 3
    assert (event.name, str(event.amount), event.currency) == ("bolt", "2.50", "EUR")


def test_upcast_keeps_the_envelope():
    value = _old_value()
    event = deserialize("test.widget", value, topics=TOPICS, upcasters=CHAIN)
    assert str(event.event_id) == json.loads(value)["event_id"]


def test_a_missing_step_is_a_contract_error():
    with pytest.raises(ContractError, match="test.widget: .*no upcaster from schema_version 2 to 3"):
        deserialize("test.widget", _old_value(), topics=TOPICS, upcasters={("test.widget", 1): upcast_v1_v2})


def test_upcast_and_path_helpers():
    payload = {"schema_version": 2, "price": "1"}
    assert upcast("test.widget", payload, 3, CHAIN) == {"schema_version": 3, "amount": "1", "currency": "EUR"}
    assert has_upcast_path("test.widget", 1, 3, CHAIN)
    assert not has_upcast_path("test.widget", 1, 3, {("test.widget", 1): upcast_v1_v2})


def test_registered_upcasters_are_explicit_functions():
    for (event_type, version), step in UPCASTERS.items():
        assert step.__name__ == f"upcast_v{version}_v{version + 1}", event_type


def _schema(model: type[Event], example: Event) -> dict:
    return {**model.model_json_schema(), "examples": [example.model_dump(mode="json")]}


def test_history_accepts_a_bump_with_upcasters():
    old = WidgetV1(correlation_id="c", office_id=uuid4(), label="bolt", price="2.50")
    assert check_history(Widget, {1: _schema(WidgetV1, old)}, CHAIN) == []


def test_history_refuses_a_bump_without_upcaster():
    old = WidgetV1(correlation_id="c", office_id=uuid4(), label="bolt", price="2.50")
    problems = check_history(Widget, {1: _schema(WidgetV1, old)}, {("test.widget", 1): upcast_v1_v2})
    assert problems == ["test.widget v3: no upcaster chain from committed v1"]


def test_history_refuses_an_upcaster_that_does_not_produce_a_valid_event():
    old = WidgetV1(correlation_id="c", office_id=uuid4(), label="bolt", price="2.50")
    sloppy = {**CHAIN, ("test.widget", 2): lambda payload: payload}
    problems = check_history(Widget, {1: _schema(WidgetV1, old)}, sloppy)
    assert len(problems) == 1 and "committed v1 example does not upcast to a valid event" in problems[0]


def test_history_refuses_a_breaking_change_without_bump():
    """The same change without bumping SCHEMA_VERSION: the committed v1 would break."""
    class Renamed(Event):
        EVENT_TYPE: ClassVar[str] = "test.widget"
        name: str
        price: Money

    old = WidgetV1(correlation_id="c", office_id=uuid4(), label="bolt", price="2.50")
    problems = check_history(Renamed, {1: _schema(WidgetV1, old)})
    assert any("field 'label': removed or renamed (renamed to 'name'?)" in p for p in problems), problems
    assert any("'name': is a new required field" in p for p in problems), problems
    assert all(p.endswith("(bump SCHEMA_VERSION and add an upcaster)") for p in problems)


def test_history_refuses_a_version_going_backwards():
    old = WidgetV1(correlation_id="c", office_id=uuid4(), label="bolt", price="2.50")
    assert check_history(WidgetV1, {1: _schema(WidgetV1, old), 3: {}}) == [
        "test.widget v1: committed v3 is newer than the code"]
