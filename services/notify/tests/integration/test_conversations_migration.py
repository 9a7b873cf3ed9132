"""Migration 0002 keeps the portal messages of before conversations (COM-1, WL-6): each becomes a thread with the
same id, subject from the invoice number and counterparty, the document linked, the addressee kept."""
from __future__ import annotations

import shutil
import uuid

import asyncpg
import pytest
from runtime.migrations import migrate_dsn
from runtime.testing import temp_database

from notify.bootstrap import MIGRATIONS
from notify.config import NotifySettings

pytestmark = pytest.mark.integration


async def test_old_messages_become_threads(tmp_path):
    before = tmp_path / "migrations"
    before.mkdir()
    shutil.copy(MIGRATIONS / "0001_notify.sql", before)
    message, dossier, document, anna = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    async with temp_database(NotifySettings(service="notify-test"), before) as dsn:
        conn = await asyncpg.connect(dsn)
        try:
            await conn.execute(
                "INSERT INTO messages (id, request_id, office_id, dossier_id, recipient_user_id, template, text, "
                "params) VALUES ($1, $2, $3, $4, $5, 'worklist.question', 'Private?', $6::jsonb)",
                message, uuid.uuid4(), uuid.uuid4(), dossier, anna,
                f'{{"invoice_number": "F-7", "counterparty": "Proximus", "asked_by": "Jan", '
                f'"document_id": "{document}", "proposal_id": "not-a-uuid"}}')
            assert "service:0002_conversations.sql" in await migrate_dsn(dsn, MIGRATIONS)
            thread = await conn.fetchrow("SELECT * FROM conversations WHERE id = $1", message)
            moved = await conn.fetchrow("SELECT conversation_id, author_side, author_name FROM messages")
        finally:
            await conn.close()
    assert (thread["subject"], thread["document_id"], thread["proposal_id"], thread["recipient_user_id"],
            thread["status"]) == ("F-7 · Proximus", document, None, anna, "open")
    assert dict(moved) == {"conversation_id": message, "author_side": "office", "author_name": "Jan"}
