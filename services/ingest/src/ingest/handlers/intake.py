"""ING-1..4: files handed in (upload, e-mail, mobile, API) become documents in a mailbox, or go straight
to processing by auto-transmission (ING-10). Refused files are reported one by one; nothing else is lost."""
from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from ingest.adapters import archives, images, pdf, xml
from ingest.handlers import statements
from ingest.domain.document import Document, Original
from ingest.domain.dossier import Dossier
from ingest.domain.errors import IngestError, TooManyFiles, UnsupportedType
from ingest.domain.files import (CONTENT_TYPES, IncomingFile, Kind, PixelBudget, classify, pdf_header_offset,
                                 safe_filename, with_extension)
from ingest.domain.ports import UnitOfWork
from ingest.domain.rules import auto_transmits
from ingest.handlers.context import Deps, Origin
from ingest.handlers.sending import send_one


@dataclass
class IntakeResult:
    """What became of each file: new documents, duplicates of documents already there, bank statements passed
    to the statement flow, and refusals."""

    documents: list[Document] = field(default_factory=list)
    statements: list[statements.StatementTaken] = field(default_factory=list)
    duplicates: list[tuple[str, Document]] = field(default_factory=list)
    refused: list[IngestError] = field(default_factory=list)


@dataclass(frozen=True)
class Prepared:
    """A file ready to store: the bytes to keep as the document (PDF for photos) and the originals."""

    filename: str
    data: bytes
    kind: Kind
    original_sha256: str
    originals: tuple[tuple[str, bytes, str], ...] = ()  # (filename, bytes, content type) kept besides the PDF
    page_count: int | None = None
    flag: str | None = None
    problem: str | None = None


async def intake(deps: Deps, dossier: Dossier, mailbox: str, files: Sequence[IncomingFile],
                 origin: Origin) -> IntakeResult:
    """Store each accepted file as a document of the dossier's mailbox; report the others."""
    result = IntakeResult()
    if len(files) > deps.settings.ingest_max_files:
        raise TooManyFiles(f"{len(files)} files at once, at most {deps.settings.ingest_max_files}")
    budget = PixelBudget(deps.settings.ingest_max_upload_pixels)
    files = await _statements_apart(deps, dossier, mailbox, files, origin, result)
    for prepared in await _prepare_all(deps, files, result, budget):
        await _store(deps, dossier, mailbox, prepared, origin, result)
    return result


async def _statements_apart(deps: Deps, dossier: Dossier, mailbox: str, files: Sequence[IncomingFile],
                            origin: Origin, result: IntakeResult) -> list[IncomingFile]:
    """Bank statements go to the statement flow (issue 17), whatever the mailbox; the 'bank' mailbox takes
    nothing else. The other files are returned for the documents flow."""
    others = []
    for incoming in files:
        try:
            if statements.is_statement(incoming):
                result.statements.append(await statements.take_statement(deps, dossier, incoming, origin))
            elif mailbox == "bank":
                raise UnsupportedType(f"{incoming.filename}: the bank mailbox takes CODA or camt.053 bank statements "
                                      "only", filename=incoming.filename)
            else:
                others.append(incoming)
        except IngestError as exc:
            result.refused.append(exc)
    return others


async def _prepare_all(deps: Deps, files: Sequence[IncomingFile], result: IntakeResult,
                       budget: PixelBudget) -> list[Prepared]:
    ready: list[Prepared] = []
    for incoming in files:
        try:
            ready.extend(await _prepare_file(deps, incoming, result, budget))
        except IngestError as exc:
            result.refused.append(exc)
    return ready


async def _prepare_file(deps: Deps, incoming: IncomingFile, result: IntakeResult, budget: PixelBudget,
                        nested: bool = False) -> list[Prepared]:
    s = deps.settings
    name = safe_filename(incoming.filename)
    kind = classify(name, incoming.data, s.ingest_max_file_bytes)
    if kind is Kind.ZIP:
        if nested:
            raise UnsupportedType(f"{name}: an archive inside an archive is refused", filename=name)
        unpacked = archives.unpack(name, incoming.data, max_entries=s.ingest_max_files,
                                   max_file_bytes=s.ingest_max_file_bytes, max_total_bytes=s.ingest_max_zip_bytes)
        result.refused.extend(unpacked.refused)
        ready = []
        for entry in unpacked.files:
            try:
                ready.extend(await _prepare_file(deps, entry, result, budget, nested=True))
            except IngestError as exc:
                result.refused.append(exc)
        return ready
    return [await prepare(deps, name, incoming.data, kind, budget)]


async def prepare(deps: Deps, name: str, data: bytes, kind: Kind, budget: PixelBudget) -> Prepared:
    """Check one (non-archive) file and turn photos into a PDF, keeping the photo as the original; a photo's
    pixels are charged to the request's budget from its header before it is decoded."""
    digest = hashlib.sha256(data).hexdigest()
    if kind is Kind.PDF:
        await _check_late_pdf_header(name, data)
        facts = await pdf.inspect(data, max_pages=deps.settings.ingest_max_pages, name=name)
        return Prepared(name, data, kind, digest, page_count=facts.page_count, flag=facts.flag, problem=facts.problem)
    if kind is Kind.XML:
        xml.check_invoice(name, data)
        return Prepared(name, data, kind, digest)
    budget.charge(name, images.pixels(name, data, deps.settings.ingest_max_pixels))
    converted = await images.photos_to_pdf([(name, data)], max_pixels=deps.settings.ingest_max_pixels)
    return Prepared(with_extension(name, Kind.PDF), converted, Kind.PDF, digest,
                    originals=((name, data, CONTENT_TYPES[kind]),), page_count=1)


async def _check_late_pdf_header(name: str, data: bytes) -> None:
    """A PDF header after leading bytes is accepted only when the file opens as a PDF (polyglots, issue 13 item 10);
    a file that starts with it is a PDF, kept and flagged when damaged."""
    offset = pdf_header_offset(data)
    if offset and not await pdf.opens(data):
        raise UnsupportedType(f"{name}: not a PDF (its %PDF- header is at byte {offset}, not at the start, and the "
                              "file does not open as a PDF)", filename=name)


async def _store(deps: Deps, dossier: Dossier, mailbox: str, prepared: Prepared, origin: Origin,
                 result: IntakeResult) -> None:
    stored = await deps.store.put_bytes(prepared.data, CONTENT_TYPES[prepared.kind])
    originals = []
    for filename, data, content_type in prepared.originals:
        kept = await deps.store.put_bytes(data, content_type)
        originals.append(Original(kept.key, content_type, filename, kept.size))
    doc = Document(
        id=uuid.uuid4(), office_id=dossier.office_id, dossier_id=dossier.dossier_id, mailbox=mailbox,
        filename=prepared.filename, content_type=CONTENT_TYPES[prepared.kind], size_bytes=stored.size,
        sha256=stored.sha256, original_sha256=prepared.original_sha256, storage_key=stored.key,
        originals=tuple(originals), page_count=prepared.page_count, flags=(prepared.flag,) if prepared.flag else (),
        problem=prepared.problem, source=origin.source, sender=origin.sender, submitted_by=origin.submitted_by,
        email_message_id=origin.email_message_id, email_subject=origin.email_subject)
    auto = not prepared.flag and auto_transmits(dossier.settings, mailbox, origin.sender)
    async with deps.uow() as uow:
        await uow.documents.lock_hash(doc.dossier_id, prepared.original_sha256)
        existing = await uow.documents.duplicate_of(doc.dossier_id, prepared.original_sha256)
        if existing is not None:
            result.duplicates.append((prepared.filename, existing))
            return
        await uow.documents.add(doc)
        if auto:
            await send_one(uow, doc, auto=True)
    result.documents.append(doc)


async def capture(deps: Deps, dossier: Dossier, mailbox: str, photos: Sequence[IncomingFile],
                  origin: Origin, name: str | None = None) -> IntakeResult:
    """ING-3: several photos become one multi-page PDF document named ``name`` (the caller's, in the reader's
    language) or after the photos; the photos are kept as its originals.

    Their pixels are counted from the headers against the per-capture limit before any photo is decoded."""
    kinds = [classify(p.filename, p.data, deps.settings.ingest_max_file_bytes) for p in photos]
    budget = PixelBudget(deps.settings.ingest_max_capture_pixels)
    for photo, kind in zip(photos, kinds):
        if not kind.is_photo:
            raise UnsupportedType(f"{photo.filename}: the mobile capture takes photos only", filename=photo.filename)
        budget.charge(photo.filename, images.pixels(photo.filename, photo.data, deps.settings.ingest_max_pixels))
    converted = await images.photos_to_pdf([(p.filename, p.data) for p in photos],
                                           max_pixels=deps.settings.ingest_max_pixels)
    digest = hashlib.sha256(b"".join(hashlib.sha256(p.data).digest() for p in photos)).hexdigest()
    name = with_extension(name or (photos[0].filename if len(photos) == 1 else f"capture-{len(photos)}-photos"),
                          Kind.PDF)
    prepared = Prepared(name, converted, Kind.PDF, digest, page_count=len(photos),
                        originals=tuple((p.filename, p.data, CONTENT_TYPES[k]) for p, k in zip(photos, kinds)))
    result = IntakeResult()
    await _store(deps, dossier, mailbox, prepared, origin, result)
    return result


async def store_new(deps: Deps, uow: UnitOfWork, template: Document, data: bytes, page_count: int,
                    filename: str, derived_from: list[uuid.UUID]) -> Document:
    """A document produced by split or merge (ING-6..8), in the caller's unit of work: the template's dossier,
    mailbox, origin and labels."""
    stored = await deps.store.put_bytes(data, "application/pdf")
    t = template
    doc = Document(id=uuid.uuid4(), office_id=t.office_id, dossier_id=t.dossier_id, mailbox=t.mailbox,
                   filename=filename, content_type="application/pdf", size_bytes=stored.size, sha256=stored.sha256,
                   original_sha256=stored.sha256, storage_key=stored.key, source=t.source, page_count=page_count,
                   sender=t.sender, submitted_by=t.submitted_by, email_message_id=t.email_message_id,
                   email_subject=t.email_subject, labels=t.labels, derived_from=tuple(derived_from))
    return await uow.documents.add(doc)
