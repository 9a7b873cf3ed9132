"""runtime.testing.on_test_topics: a service's spec moved to the topics a test gives it, its production spec
untouched (issue 19 item 1; DESIGN: one topic registry)."""
from runtime.service import ServiceSpec
from runtime.testing import on_test_topics


async def _a(conn, event, deps): ...


async def _b(conn, event, deps): ...


SPEC = ServiceSpec(name="svc", handlers={"ledger.synced": _a, "dossier.changed": _b})


def test_handlers_follow_the_physical_topics_a_test_gives_under_the_tests_name():
    moved = on_test_topics(SPEC, {"t-123-ledger": "ledger.synced", "t-123-dossier": "dossier.changed"}, name="svc-it")
    assert moved.handlers == {"t-123-ledger": _a, "t-123-dossier": _b}
    assert moved.topic_contracts == {"t-123-ledger": "ledger.synced", "t-123-dossier": "dossier.changed"}
    assert moved.name == "svc-it"


def test_only_the_given_topics_are_consumed_and_the_production_spec_is_unchanged():
    moved = on_test_topics(SPEC, {"t-1-ledger": "ledger.synced"})
    assert moved.handlers == {"t-1-ledger": _a} and moved.name == "svc"
    assert SPEC.handlers == {"ledger.synced": _a, "dossier.changed": _b} and SPEC.topic_contracts == {}


def test_published_topics_are_mapped_only_on_the_tests_copy():
    moved = on_test_topics(SPEC, {"t-2-ledger": "ledger.synced"}, publishes={"proposal.created": "t-2-proposals"})
    assert moved.published_topics == {"proposal.created": "t-2-proposals"}
    assert SPEC.published_topics == {}, "production publishes to the registry's topics"
