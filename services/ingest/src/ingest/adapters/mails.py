"""Postgres repository of the e-mails delivered to the mailboxes (ING-2)."""
from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import asyncpg

from ingest.domain.mail import DeliveredMail


class PgMails:
    """Implements domain.ports.Mails on one connection; the caller (the unit of work) owns the transaction."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def record(self, mail: DeliveredMail) -> bool:
        return bool(await self.conn.fetchval(
            "INSERT INTO mails (dossier_id, mailbox, message_id, sender, subject, body, problems, documents) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING true",
            mail.dossier_id, mail.mailbox, mail.message_id, mail.sender, mail.subject, mail.body, list(mail.problems),
            mail.documents))

    async def finish(self, dossier_id: UUID, mailbox: str, message_id: str, count: int,
                     problems: Sequence[str]) -> None:
        await self.conn.execute("UPDATE mails SET documents = $4, problems = $5 WHERE dossier_id = $1 "
                                "AND mailbox = $2 AND message_id = $3", dossier_id, mailbox, message_id, count,
                                list(problems))

    async def notes(self, dossier_id: UUID, mailbox: str, limit: int = 50) -> list[DeliveredMail]:
        rows = await self.conn.fetch(
            "SELECT * FROM mails WHERE dossier_id = $1 AND mailbox = $2 AND (documents = 0 OR cardinality(problems) > 0) "
            "ORDER BY received_at DESC LIMIT $3", dossier_id, mailbox, limit)
        return [DeliveredMail(r["dossier_id"], r["mailbox"], r["message_id"], r["sender"], r["subject"], r["body"],
                     tuple(r["problems"]), r["documents"], r["received_at"]) for r in rows]
