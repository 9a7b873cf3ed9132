"""What recognition follows on Kafka: document.received (read it), dossier.changed (the dossier's VAT number)."""
from __future__ import annotations

from collections.abc import Callable

import asyncpg
from contracts.events.documents import DocumentReceived
from contracts.events.dossiers import DossierChanged
from runtime.inbox import TwoPhase

from recognition.handlers.recognise import Deps, prepare_reading, publish_reading, remember_dossier


def event_handlers(deps: Callable[[], Deps]) -> dict:
    """The handler of each topic; `deps` builds (once) what they need on first use. Reading a document is
    two-phase: the slow reading outside the inbox transaction, then a short one publishing the outcome."""

    async def read_document(pool: asyncpg.Pool, event: DocumentReceived):
        return await prepare_reading(pool, event, deps())

    async def publish_document(conn: asyncpg.Connection, event: DocumentReceived, prepared) -> None:
        await publish_reading(conn, event, prepared, deps())

    async def on_dossier_changed(conn: asyncpg.Connection, event: DossierChanged) -> None:
        await remember_dossier(conn, event)

    return {"document.received": TwoPhase(prepare=read_document, apply=publish_document),
            "dossier.changed": on_dossier_changed}
