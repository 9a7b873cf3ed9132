"""The registry's consumer lists are the services' subscriptions (issue 18, integrators): generated from each
service's handler table, never hand-kept. Fails when a service consumes a topic the registry does not list it
for, or the registry names a consumer that does not consume (as it once named notify for payment.approved)."""
from __future__ import annotations

from contracts import subscribers
from contracts.consumers import CONSUMERS
from contracts.registry import TOPICS


def listed() -> dict[str, tuple[str, ...]]:
    return {name: topic.consumers for name, topic in TOPICS.items()}


def test_every_subscription_is_listed_and_every_listed_consumer_subscribes():
    assert subscribers.mismatches(listed(), subscribers.subscriptions()) == []


def test_the_generated_table_is_current_and_only_names_registered_topics():
    assert subscribers.main(["--check"]) == 0, "run python -m contracts.subscribers"
    assert set(CONSUMERS) <= set(TOPICS)


def test_a_missing_or_a_stray_consumer_is_named():
    subscribed = {"recognition": {"document.received"}, "notify": {"notification.requested", "nowhere.topic"}}
    table = {"document.received": ("reporting",), "notification.requested": ("notify",),
             "payment.approved": ("notify",)}
    assert subscribers.mismatches(table, subscribed) == [
        "notify consumes nowhere.topic, which the registry does not have",
        "recognition consumes document.received but the registry does not list it",
        "the registry lists reporting as consumer of document.received, which it does not consume",
        "the registry lists notify as consumer of payment.approved, which it does not consume",
    ]


def test_the_published_descriptions_carry_the_generated_list():
    # issue 17: notify tells whoever executes the payment, as the registry once said before notify did it
    assert TOPICS["payment.approved"].documented.endswith("Consumed by notify, reporting and sync-connector.")
    assert TOPICS["proposal.validated"].documented.endswith(
        "Consumed by payments, reporting and sync-connector.")  # PAY-2 prefill; reporting: stage latency (issue 18)
    assert TOPICS["document.received"].documented.endswith("Consumed by office, recognition, reporting and worklist.")
