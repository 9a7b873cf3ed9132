"""Issue 17 item 2: bank statement files (CODA, camt.053) handed in go to the statement flow, not to
recognition: checked (a malformed or unbalanced file is refused at once with the reason), stored as the
original in object storage, and announced on bank_statement.received; sync-connector imports them."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from contracts.events.bank import BankStatementReceived
from runtime import context
from runtime.bankfiles import StatementFileError, read_statement, sniff_format

from ingest.domain.dossier import Dossier
from ingest.domain.errors import StatementRefused
from ingest.domain.files import IncomingFile
from ingest.handlers.context import Deps, Origin

CONTENT_TYPES = {"coda": "text/plain", "camt053": "application/xml"}


def is_statement(incoming: IncomingFile) -> bool:
    """Whether the bytes are a CODA or camt.053 statement (by content, never by name)."""
    return sniff_format(incoming.data) is not None


@dataclass(frozen=True)
class StatementTaken:
    """A statement file stored and announced on bank_statement.received."""

    statement_file_id: uuid.UUID
    filename: str
    format: str
    sha256: str


async def take_statement(deps: Deps, dossier: Dossier, incoming: IncomingFile, origin: Origin) -> StatementTaken:
    """Check, store and announce one statement file; StatementRefused names what is wrong with it."""
    try:
        read_statement(incoming.data)
    except StatementFileError as exc:
        raise StatementRefused(f"{incoming.filename}: {exc.message}", filename=incoming.filename,
                               reason=exc.code) from None
    kind = sniff_format(incoming.data)
    assert kind is not None
    stored = await deps.store.put_bytes(incoming.data, CONTENT_TYPES[kind])
    event = BankStatementReceived(
        correlation_id=context.correlation_id.get() or f"statement:{stored.sha256}", office_id=dossier.office_id,
        dossier_id=dossier.dossier_id, statement_file_id=uuid.uuid4(), format=kind, source=origin.source,
        filename=incoming.filename[:255], size_bytes=stored.size, sha256=stored.sha256, storage_key=stored.key,
        sender=origin.sender, submitted_by=origin.submitted_by)
    async with deps.uow() as uow:
        uow.publish(event)
    return StatementTaken(event.statement_file_id, event.filename, kind, stored.sha256)
