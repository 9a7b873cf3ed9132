"""The shared unit of work (issue 19 item 3): what the block changed and the outbox rows of its events commit
together, or neither does; inside a caller's transaction the caller decides."""
import uuid

import asyncpg
import pytest
from contracts.events import DossierChanged

from runtime.unit_of_work import PgUnitOfWork

pytestmark = pytest.mark.integration


class Notes:
    """A tiny repository: one table of notes."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def add(self, text: str) -> None:
        await self.conn.execute("INSERT INTO uow_notes (text) VALUES ($1)", text)


class NotesUnitOfWork(PgUnitOfWork):
    source = "uow-test"

    def bind(self, conn: asyncpg.Connection) -> None:
        self.notes = Notes(conn)


def _event() -> DossierChanged:
    return DossierChanged.model_validate({"correlation_id": "c", "office_id": str(uuid.uuid4()),
                                          "dossier_id": str(uuid.uuid4()), "change": "created",
                                          "dossier": {"name": "Dossier"}})


@pytest.fixture
async def pool(dsn):
    pool = await asyncpg.create_pool(dsn, min_size=1, max_size=2)
    await pool.execute("CREATE TABLE uow_notes (text text NOT NULL)")
    yield pool
    await pool.close()


async def _counts(pool: asyncpg.Pool) -> tuple[int, int]:
    return (await pool.fetchval("SELECT count(*) FROM uow_notes"),
            await pool.fetchval("SELECT count(*) FROM outbox"))


async def test_the_change_and_its_events_commit_together(pool):
    event = _event()
    async with NotesUnitOfWork(pool) as uow:
        await uow.notes.add("first")
        uow.publish(event)
    assert await _counts(pool) == (1, 1)
    assert await pool.fetchval("SELECT event_id FROM outbox") == event.event_id
    assert "/services/uow-test" in await pool.fetchval("SELECT headers::text FROM outbox")  # the service's source


async def test_a_failing_block_leaves_neither_the_change_nor_the_event(pool):
    with pytest.raises(RuntimeError):
        async with NotesUnitOfWork(pool) as uow:
            await uow.notes.add("lost")
            uow.publish(_event())
            raise RuntimeError("the use case refused")
    assert await _counts(pool) == (0, 0)


async def test_a_failing_outbox_write_rolls_the_change_back(pool):
    class Broken(NotesUnitOfWork):
        async def write(self, conn, event):
            raise ConnectionError("outbox unreachable")

    with pytest.raises(ConnectionError):
        async with Broken(pool) as uow:
            await uow.notes.add("lost")
            uow.publish(_event())
    assert await _counts(pool) == (0, 0)


async def test_within_a_callers_transaction_the_caller_commits_or_rolls_back(pool):
    async with pool.acquire() as conn:
        transaction = conn.transaction()
        await transaction.start()
        async with NotesUnitOfWork.within(conn) as uow:
            await uow.notes.add("held")
            uow.publish(_event())
        await transaction.rollback()
    assert await _counts(pool) == (0, 0)
    async with pool.acquire() as conn:
        async with conn.transaction():
            async with NotesUnitOfWork.within(conn) as uow:
                await uow.notes.add("kept")
                uow.publish(_event())
    assert await _counts(pool) == (1, 1)


def test_a_unit_of_work_needs_somewhere_to_work():
    with pytest.raises(ValueError):
        NotesUnitOfWork()
