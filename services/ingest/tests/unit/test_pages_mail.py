"""Split (ING-6), merge (ING-7), bulk split (ING-8), thumbnails and e-mail delivery (ING-2) as use cases on the
memory unit of work."""
from __future__ import annotations

import pytest
from contracts.events.documents import DocumentReceived

from ingest.adapters import mail
from ingest.domain.errors import InvalidSelection, NotFound
from ingest.domain.files import IncomingFile
from ingest.entrypoints.smtp import MailboxHandler
from ingest.handlers import editing, pages
from ingest.handlers.context import Origin
from ingest.handlers.intake import intake

from ingest_testkit import message, pdf_bytes


async def stored(deps, dossier, *page_counts):
    files = [IncomingFile(f"doc{i}.pdf", pdf_bytes(n)) for i, n in enumerate(page_counts)]
    return (await intake(deps, dossier, "purchases", files, Origin("portal"))).documents


async def test_split_sends_the_parts_and_replaces_the_source(deps, memory, dossier):
    (doc,) = await stored(deps, dossier, 5)
    with pytest.raises(InvalidSelection):
        await pages.split(deps, dossier.dossier_id, doc.id, [[1, 2], [2]])
    assert memory.documents.rows[doc.id].status == "mailbox", "a refused split changes nothing"
    parts = await pages.split(deps, dossier.dossier_id, doc.id, [[1, 2], [3], [4, 5]], send=True)
    assert [(p.page_count, p.status, p.filename, p.derived_from) for p in parts] == [
        (2, "processing", "doc0 (1).pdf", (doc.id,)), (1, "processing", "doc0 (2).pdf", (doc.id,)),
        (2, "processing", "doc0 (3).pdf", (doc.id,))]
    assert memory.documents.rows[doc.id].status == "replaced"
    events = [e for e in memory.published if isinstance(e, DocumentReceived)]
    assert [e.document_id for e in events] == [p.id for p in parts]
    with pytest.raises(NotFound):  # a replaced document cannot be split again
        await pages.split(deps, dossier.dossier_id, doc.id, [[1]])


async def test_bulk_split_and_merge_keep_the_parts_in_a_mailbox(deps, memory, dossier):
    a, b = await stored(deps, dossier, 3, 2)
    merged = await pages.merge(deps, dossier.dossier_id, [(b.id, 2), (a.id, 1)], mailbox="sales")
    assert (merged.page_count, merged.mailbox, merged.status, set(merged.derived_from)) == \
        (2, "sales", "mailbox", {a.id, b.id})
    assert merged.filename == "doc1 (merged).pdf"
    assert {memory.documents.rows[x].status for x in (a.id, b.id)} == {"replaced"}
    parts = await pages.split(deps, dossier.dossier_id, merged.id, [1, 2], bulk=True)
    assert [(p.page_count, p.mailbox) for p in parts] == [(1, "sales"), (1, "sales")]
    assert not [e for e in memory.published if isinstance(e, DocumentReceived)], "nothing was sent"


async def test_a_thumbnail_is_rendered_once(deps, memory, dossier):
    (doc,) = await stored(deps, dossier, 2)
    first = await editing.thumbnail(deps, dossier.dossier_id, doc.id, 2)
    objects = len(deps.store.objects)
    assert first.startswith(b"\x89PNG") and await editing.thumbnail(deps, dossier.dossier_id, doc.id, 2) == first
    assert len(deps.store.objects) == objects and len(memory.documents.thumbnails) == 1
    with pytest.raises(NotFound):
        await editing.thumbnail(deps, dossier.dossier_id, doc.id, 3)


async def test_a_mail_is_delivered_once_and_one_without_files_is_a_note(deps, memory, dossier):
    handler = MailboxHandler(deps)
    address = "Dupont.Purchases@in.test"
    with_files = mail.read(message(address, attachments=2, message_id="<m1@x>").as_bytes())
    await handler.deliver(address, with_files, "billing@supplier.be")
    await handler.deliver(address, with_files, "billing@supplier.be")
    assert len(memory.documents.rows) == 2, "the same Message-ID is stored once"
    assert {d.status for d in memory.documents.rows.values()} == {"processing"}, "ING-10 from @supplier.be"
    bare = mail.read(message(address, attachments=0, message_id="<m2@x>", subject="Question").as_bytes())
    await handler.deliver(address, bare, None)
    notes = await memory.mails.notes(dossier.dossier_id, "purchases")
    assert [(n.message_id, n.subject, n.documents) for n in notes] == [("<m2@x>", "Question", 0)]
    await handler.deliver("unknown@in.test", bare, None)
    assert len(memory.mails.rows) == 2
