"""Postgres repository of recognition results by file hash, and of the dossiers' own VAT numbers."""
from __future__ import annotations

import logging
import pickle
from dataclasses import dataclass
from uuid import UUID

import asyncpg

from recognition.adapters.wire import to_contract
from recognition.domain.model import Outcome

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredFiles:
    """Object keys of what recognition wrote back: the searchable PDF (scans) and the words with their boxes."""

    searchable_pdf_key: str | None = None
    words_key: str | None = None


async def cached(conn: asyncpg.Connection, sha256: str) -> tuple[Outcome, StoredFiles] | None:
    """The outcome stored for this file hash and the keys of its files; None when unknown or unreadable."""
    row = await conn.fetchrow(
        "SELECT outcome, searchable_pdf_key, words_key FROM recognition_results WHERE sha256 = $1", sha256)
    if row is None:
        return None
    try:
        return pickle.loads(row["outcome"]), StoredFiles(row["searchable_pdf_key"], row["words_key"])
    except Exception:  # written by an older version of the model: read the file again
        log.info("stored result of %s no longer loads; recognising again", sha256)
        return None


async def store(conn: asyncpg.Connection, sha256: str, outcome: Outcome, files: StoredFiles) -> None:
    """Keep an outcome (without the PDF and words bytes); the first one stored for a hash wins."""
    kept = Outcome(outcome.status, outcome.invoice, outcome.error)
    # a dict: the pool's jsonb codec encodes it (a json.dumps here stored a JSON string, not an object)
    invoice = to_contract(outcome.invoice).model_dump(mode="json") if outcome.invoice else None
    await conn.execute(
        "INSERT INTO recognition_results (sha256, status, outcome, invoice, searchable_pdf_key, words_key) "
        "VALUES ($1, $2, $3, $4::jsonb, $5, $6) ON CONFLICT (sha256) DO NOTHING",
        sha256, outcome.status, pickle.dumps(kept), invoice, files.searchable_pdf_key, files.words_key)


async def dossier_vat(conn: asyncpg.Connection, dossier_id: UUID | None) -> str | None:
    """The dossier's own VAT number, when office told us (the platform's dossier replica, runtime.replica)."""
    if dossier_id is None:
        return None
    return await conn.fetchval("SELECT vat_number FROM platform_dossiers WHERE dossier_id = $1", dossier_id)
