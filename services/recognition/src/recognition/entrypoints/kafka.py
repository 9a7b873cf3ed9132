"""What recognition follows on Kafka: document.received (read it), dossier.changed (the dossier's VAT number)."""
from __future__ import annotations

from collections.abc import Callable

import asyncpg
from contracts.events.documents import DocumentReceived
from contracts.events.dossiers import DossierChanged

from recognition.handlers.recognise import Deps, recognise_document, remember_dossier


def event_handlers(deps: Callable[[], Deps]) -> dict:
    """The handler of each topic; `deps` builds (once) what they need on first use."""

    async def on_document_received(conn: asyncpg.Connection, event: DocumentReceived) -> None:
        await recognise_document(conn, event, deps())

    async def on_dossier_changed(conn: asyncpg.Connection, event: DossierChanged) -> None:
        await remember_dossier(conn, event)

    return {"document.received": on_document_received, "dossier.changed": on_dossier_changed}
