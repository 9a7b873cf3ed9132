"""No dossier behind another's backlog (issue 18 item 4): runtime.dispatch.KeyedDispatcher on the real Kafka and
Postgres. One partition holds a 300-event backlog of dossier A, then one event of dossier B (the worst case: the
same partition); B's event is applied after a handful of A's, not after all of them, and A's stay in order."""
import uuid

import pytest

from runtime.testing import publish_events, temp_topics, wait_for
from tests.reliability.test_outbox_inbox import _count_is, _rows, running_receiver
from tests.skeleton import receiver, sender

pytestmark = [pytest.mark.integration, pytest.mark.slow]
BACKLOG = 300


@pytest.mark.parametrize("concurrency", [2, 4])
async def test_a_small_dossier_overtakes_a_big_backlog_in_the_same_partition(settings, receiver_db, concurrency):
    big, small = uuid.uuid4(), uuid.uuid4()
    async with temp_topics(settings, "dossier.changed", partitions=1) as (topic,):
        backlog = [sender.dossier_event(big, f"A-{n:04d}", n) for n in range(BACKLOG)]
        await publish_events(settings, topic, *backlog, sender.dossier_event(small, "B", 0))
        await receiver.prepare(receiver_db)
        async with running_receiver(receiver_db, topic, f"g-{topic}", delay_ms=20, concurrency=concurrency):
            await wait_for(lambda: _count_is(receiver_db, "applied_log", BACKLOG + 1), timeout=120)
    order = [name for (name,) in await _rows(receiver_db, "SELECT name FROM applied_log ORDER BY n")]
    assert order.index("B") <= 2 * concurrency, f"B waited for {order.index('B')} of A's events"
    assert [n for n in order if n != "B"] == [e.dossier.name for e in backlog], "one dossier's events stay in order"
    assert len(set(await _rows(receiver_db, "SELECT event_id FROM applied_log"))) == BACKLOG + 1
