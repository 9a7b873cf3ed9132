"""runtime.service.on_topics: a service's handlers moved to the topics a test gives it (DESIGN: one topic registry)."""
from runtime.service import on_topics


async def _a(event): ...


async def _b(event): ...


def test_handlers_follow_the_physical_topics_a_test_gives():
    handlers = {"ledger.synced": _a, "dossier.changed": _b}
    moved = on_topics(handlers, {"t-123-ledger": "ledger.synced", "t-123-dossier": "dossier.changed"})
    assert moved == {"t-123-ledger": _a, "t-123-dossier": _b}


def test_without_topics_the_handlers_stay_on_their_contract_topics_as_a_copy():
    handlers = {"ledger.synced": _a}
    kept = on_topics(handlers, None)
    assert kept == handlers and kept is not handlers
