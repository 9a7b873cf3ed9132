"""Recognise a received document: from the cache by file hash, else read it in the sandbox; publish the result."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import asyncpg
from contracts.events.documents import DocumentReceived
from contracts.events.recognition import DocumentRecognized
from runtime.outbox import enqueue
from runtime.storage import ObjectNotFound, ObjectStorage

from recognition.adapters import results
from recognition.adapters.results import StoredFiles
from recognition.adapters.wire import to_contract
from recognition.adapters.words import words_to_store
from recognition.domain.dossier import settle_dossier
from recognition.domain.model import Outcome
from recognition.extractors.base import Context
from recognition.sandbox import Sandbox

log = logging.getLogger(__name__)
SOURCE = "/services/recognition"


@dataclass
class Deps:
    """What recognising needs: the object store with the originals, the sandbox, the reading context."""

    store: ObjectStorage
    sandbox: Sandbox  # or a handlers.sandboxes.SandboxPool of them (the same interface)
    context: Context


async def read(deps: Deps, event: DocumentReceived) -> tuple[Outcome, StoredFiles]:
    """The outcome of reading the original, and the keys of what was stored back: the searchable PDF
    (scans, photos) and the words with their boxes (text PDFs, scans, photos)."""
    try:
        data = await deps.store.get_bytes(event.storage_key)
    except ObjectNotFound:
        error = f"original not found in object storage ({event.storage_key})"
        return Outcome("technical_error", error=error, error_code="original_missing"), StoredFiles()
    outcome = await asyncio.to_thread(deps.sandbox.run, "extract", data, deps.context)
    pdf_key = words_key = None
    if outcome.searchable_pdf:
        pdf_key = (await deps.store.put_bytes(outcome.searchable_pdf, "application/pdf")).key
    words = words_to_store(outcome.words, event.document_id) if outcome.words else None
    if words:
        words_key = (await deps.store.put_bytes(words, "application/json")).key
    return outcome, StoredFiles(pdf_key, words_key)


async def prepare_reading(pool: asyncpg.Pool, event: DocumentReceived, deps: Deps) -> tuple[Outcome, StoredFiles]:
    """Outside any transaction: the outcome stored for the file hash, else read the file (OCR up to minutes) and
    keep the outcome by hash on a connection of its own. Idempotent: a redelivery finds it by hash."""
    async with pool.acquire() as conn:
        found = await results.cached(conn, event.sha256)
    if found is not None:
        return found
    outcome, files = await read(deps, event)
    if outcome.status != "technical_error":  # failures may be transient (time): try again next time
        async with pool.acquire() as conn:
            await results.store(conn, event.sha256, outcome, files)
    return outcome, files


async def publish_reading(conn: asyncpg.Connection, event: DocumentReceived, prepared: tuple[Outcome, StoredFiles],
                          deps: Deps) -> None:
    """In the message's short transaction: settle the dossier's side and enqueue document.recognized."""
    outcome, files = prepared
    if outcome.invoice is not None:
        settle_dossier(outcome.invoice, await results.dossier_vat(conn, event.dossier_id), event.mailbox)
    await enqueue(conn, outcome_event(event, outcome, files), source=SOURCE)


def outcome_event(event: DocumentReceived, outcome: Outcome, files: StoredFiles) -> DocumentRecognized:
    """The document.recognized of the outcome; when the contract refuses what was read (a reader's bug), a
    technical error 'crashed' instead of a dead letter, so the document shows and may be reprocessed (WL-13)."""
    try:
        return recognized_event(event, outcome, files)
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        log.exception("document %s: the reading could not be published as document.recognized", event.document_id)
        reason = f"the reading could not be published: {str(exc).splitlines()[0]}"[:500]
        return recognized_event(event, Outcome("technical_error", error=reason, error_code="crashed"), StoredFiles())


def recognized_event(event: DocumentReceived, outcome: Outcome, files: StoredFiles) -> DocumentRecognized:
    """The document.recognized event for an outcome (technical_error carries only the reason)."""
    envelope = dict(correlation_id=event.correlation_id, office_id=event.office_id, dossier_id=event.dossier_id,
                    document_id=event.document_id, sha256=event.sha256, status=outcome.status,
                    error_reason=outcome.error, error_code=_error_code(outcome), mailbox=event.mailbox, words_key=files.words_key)
    inv = outcome.invoice
    if inv is None:
        return DocumentRecognized(**envelope)
    return DocumentRecognized(
        **envelope, document_kind=inv.document_type, language=inv.language, page_count=inv.page_count,
        searchable_pdf_key=files.searchable_pdf_key, invoice=to_contract(inv),
    )


def _error_code(outcome: Outcome) -> str | None:
    """The failure's code; a technical error nobody classified counts as a crash (passing: may be reprocessed)."""
    if outcome.status != "technical_error":
        return None
    return outcome.error_code or "crashed"

