"""WL-13 end to end on the running stack, through Kafka: a document whose recognition timed out is reprocessed from
the worklist and read for real.

The timeout itself is the one thing simulated — recognition's document.recognized (status technical_error,
error_code timeout) is published on the real topic for an uploaded document, and ingest's row is put where sending
it would have (processed: sent, proposal made) — since a real time limit cannot be provoked on demand. From there it
is the platform's own loop: enrichment proposes a technical error, the worklist shows it with its code; Reprocess
(worklist.reprocess) -> document.reprocess_requested -> ingest publishes document.received again -> recognition
reads the stored file -> enrichment supersedes the proposal -> the worklist row is no longer a technical error and
ingest's document is processed again.
"""
from __future__ import annotations

import random
import sys
import time
import uuid
from pathlib import Path

import asyncpg
import httpx
import pytest
from contracts.events.recognition import DocumentRecognized
from runtime.config import Settings
from runtime.testing import publish_events, wait_for

sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "tests" / "e2e"))
from e2e_documents import text_pdf  # noqa: E402

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
COLLABORATOR = ("collaborator@demo.bookingfactory.example", "demo-collab-2025")
PIPELINE_TIMEOUT = 240


class Stack:
    def __init__(self, http: httpx.AsyncClient, token: str) -> None:
        self.settings, self.http, self.token = Settings(service="e2e"), http, token

    async def call(self, method: str, service: str, path: str, expect: int = 200, **kw):
        answer = await self.http.request(method, f"{self.settings.service_url(service)}{path}",
                                         headers={"Authorization": f"Bearer {self.token}"}, **kw)
        assert answer.status_code == expect, f"{method} {service}{path}: {answer.status_code} {answer.text[:300]}"
        return answer.json()

    async def row(self, dossier: str, document_id: str) -> dict | None:
        rows = await self.call("GET", "worklist", f"/dossiers/{dossier}/worklists/purchases",
                               params={"status": "all", "per_page": 200})
        return next((r for r in rows["items"] if r["document_id"] == document_id), None)


@pytest.fixture
async def stack():
    settings = Settings(service="e2e")
    async with httpx.AsyncClient(timeout=60) as http:
        login = await http.post(f"{settings.service_url('office')}/auth/login",
                                json={"email": COLLABORATOR[0], "password": COLLABORATOR[1]})
        login.raise_for_status()
        yield Stack(http, login.json()["access_token"])


async def test_a_timed_out_document_is_reprocessed_and_read(stack):
    me = await stack.call("GET", "office", "/me")
    dossier = next(d["id"] for d in me["dossiers"] if d.get("code") == "DUPONT")
    run = f"R{random.randint(100000, 999999)}"
    doc = text_pdf(run)
    stored = (await stack.call("POST", "ingest", f"/dossiers/{dossier}/mailboxes/purchases/documents", expect=201,
                               files=[("files", (doc.filename, doc.content))]))["documents"][0]
    ingest_db = await asyncpg.connect(Settings(service="ingest").dsn())
    try:
        original = await ingest_db.fetchrow(
            "UPDATE documents SET status = 'processed', sent_at = now() WHERE id = $1 RETURNING office_id, sha256",
            uuid.UUID(stored["id"]))
        await publish_events(stack.settings, "document.recognized", DocumentRecognized(
            correlation_id=f"e2e-reprocess-{run}", office_id=original["office_id"], dossier_id=dossier,
            document_id=stored["id"], sha256=original["sha256"], status="technical_error",
            error_code="timeout", error_reason="time limit of 180 s exceeded", mailbox="purchases"))

        async def failed_row():
            row = await stack.row(dossier, stored["id"])
            return row if row and row["status"] == "technical_error" and row["recognition"] else None
        row = await wait_for(failed_row, timeout=PIPELINE_TIMEOUT, interval=1.0)
        assert row["recognition"] == {"error_code": "timeout", "reprocessing": False, "reprocessable": True}

        started = time.monotonic()
        answer = await stack.call("POST", "worklist", f"/dossiers/{dossier}/proposals/reprocess",
                                  json={"proposal_ids": [row["id"]]})
        assert answer == {"done": [row["id"]], "refused": []}
        assert (await stack.row(dossier, stored["id"]))["recognition"]["reprocessing"] is True

        async def read_row():
            found = await stack.row(dossier, stored["id"])
            return found if found and found["status"] != "technical_error" else None
        read = await wait_for(read_row, timeout=PIPELINE_TIMEOUT, interval=1.0)
        elapsed = time.monotonic() - started
        assert read["id"] == row["id"] and read["recognition"] is None
        assert read["invoice_number"] == doc.invoice_number, read
        assert await wait_for(lambda: _status(ingest_db, stored["id"], "processed"), timeout=60)
        print(f"reprocess loop: {elapsed:.1f} s from the request to the new proposal")
    finally:
        await ingest_db.close()


async def _status(conn: asyncpg.Connection, document_id: str, wanted: str) -> bool:
    return await conn.fetchval("SELECT status FROM documents WHERE id = $1", uuid.UUID(document_id)) == wanted
