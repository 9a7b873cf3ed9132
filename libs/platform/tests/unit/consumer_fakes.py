"""Enough of asyncpg and aiokafka for EventConsumer unit tests (test_consumer.py, test_consumer_reroute.py): the
inbox insert of runtime.inbox.apply_once, a pool that rolls it back when the handler raises, a recording producer."""
import contextlib


class _AsyncNull:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False


class FakeConnection:
    """The inbox insert of runtime.inbox.apply_once: True once per (consumer, event id)."""

    def __init__(self, inbox: set):
        self.inbox = inbox

    def transaction(self):
        return _AsyncNull()

    async def fetchval(self, sql, event_id, consumer, topic):
        if (consumer, event_id) in self.inbox:
            return None
        self.inbox.add((consumer, event_id))
        return True


class FakePool:
    """Enough of asyncpg.Pool for apply_once; rolls back the inbox row when the handler raises."""

    def __init__(self):
        self.inbox: set = set()

    @contextlib.asynccontextmanager
    async def acquire(self):
        before = set(self.inbox)
        try:
            yield FakeConnection(self.inbox)
        except BaseException:
            self.inbox.clear()
            self.inbox.update(before)
            raise


class FakeProducer:
    def __init__(self, fail=False):
        self.sent, self.fail = [], fail

    async def send_and_wait(self, topic, value, key=None, headers=None):
        if self.fail:
            raise ConnectionError("broker unreachable")
        self.sent.append((topic, value, key, dict(headers)))
