"""One suite for every implementation of ingest's repositories and unit of work (memory and Postgres), so the
fakes the unit tests use cannot drift from the real ones. Subclasses provide ``uow`` (a fresh unit of work over
the same store each time it is called) and ``outbox`` (the events published so far, as JSON dicts)."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest
from contracts.events.bank import BankStatementReceived

from ingest.domain.document import Document, Original
from ingest.domain.errors import Conflict
from ingest.domain.mail import DeliveredMail
from ingest.domain.ports import DocumentFilter, Sort

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


def document(dossier: uuid.UUID, **values) -> Document:
    """A mailbox document of the dossier with made-up bytes; ``values`` override any field."""
    doc_id = uuid.uuid4()
    fields = dict(id=doc_id, office_id=uuid.UUID(int=1), dossier_id=dossier, mailbox="purchases",
                  filename=f"{doc_id.hex[:8]}.pdf", content_type="application/pdf", size_bytes=100,
                  sha256=doc_id.hex * 2, original_sha256=doc_id.hex * 2, storage_key=f"k/{doc_id}", source="portal")
    fields.update(values)
    return Document(**fields)


async def add(uow, *docs: Document) -> None:
    async with uow() as u:
        for doc in docs:
            await u.documents.add(doc)


class RepositoryContract:
    """The behaviour both implementations share (ING-1..10's storage)."""

    async def test_a_document_comes_back_as_stored_in_its_dossier_only(self, uow):
        d = uuid.uuid4()
        doc = document(d, originals=(Original("o/1", "image/png", "photo.png", 42),), flags=("corrupt",),
                       labels=("rent", "q1"), derived_from=(uuid.uuid4(),), sender="a@b.be", page_count=3,
                       submitted_by={"kind": "client_user", "user_id": str(uuid.uuid4()), "name": "An"})
        await add(uow, doc)
        assert doc.created_at is not None
        async with uow() as u:
            found = await u.documents.get(d, doc.id)
            assert found == doc and found is not doc
            assert await u.documents.get(uuid.uuid4(), doc.id) is None, "another dossier's id is unknown"
            assert await u.documents.get(d, doc.id, statuses=("processing",)) is None

    async def test_save_writes_what_the_aggregate_changed(self, uow):
        d = uuid.uuid4()
        doc = document(d)
        await add(uow, doc)
        async with uow() as u:
            found = await u.documents.get(d, doc.id, for_update=True)
            found.edit(labels=("x",), note="see me", set_note=True, filename="new.pdf", mailbox="sales")
            await u.documents.save(found)
        async with uow() as u:
            again = await u.documents.get(d, doc.id)
            assert (again.labels, again.note, again.filename, again.mailbox) == (("x",), "see me", "new.pdf", "sales")
            again.delete()
            await u.documents.save(again)
        async with uow() as u:
            assert await u.documents.get(d, doc.id) is None, "deleted documents are not live"
            assert (await u.documents.lock(doc.id)).status == "deleted", "lock finds any status"
            assert await u.documents.lock(uuid.uuid4()) is None

    async def test_duplicates_are_the_oldest_live_document_with_the_same_bytes(self, uow):
        d = uuid.uuid4()
        first, second = document(d, original_sha256="s" * 64), document(d, original_sha256="s" * 64)
        await add(uow, first)
        await add(uow, second)
        async with uow() as u:
            await u.documents.lock_hash(d, "s" * 64)
            assert (await u.documents.duplicate_of(d, "s" * 64)).id == first.id
            assert await u.documents.duplicate_of(uuid.uuid4(), "s" * 64) is None
            gone = await u.documents.get(d, first.id)
            gone.replace()
            await u.documents.save(gone)
        async with uow() as u:
            assert (await u.documents.duplicate_of(d, "s" * 64)).id == second.id, "a replaced one is no duplicate"

    async def test_search_filters_sorts_and_pages(self, uow):
        d = uuid.uuid4()
        a = document(d, filename="alpha.pdf", labels=("rent",), sender="Shop@x.be", page_count=2)
        b = document(d, filename="Beta.pdf", note="urgent call", source="email", flags=("encrypted",), page_count=None)
        c = document(d, filename="gamma.pdf", mailbox="sales", page_count=1)
        await add(uow, a, b, c, document(uuid.uuid4(), filename="alpha.pdf"))
        search = self.search_in(uow, d)
        assert await search(sort=Sort("filename", False)) == (["alpha.pdf", "Beta.pdf", "gamma.pdf"], 3)
        assert await search(sort=Sort("filename", True)) == (["gamma.pdf", "Beta.pdf", "alpha.pdf"], 3)
        assert await search(sort=Sort("page_count", False)) == (["gamma.pdf", "alpha.pdf", "Beta.pdf"], 3), \
            "nulls last"
        assert await search(sort=Sort("page_count", True)) == (["alpha.pdf", "gamma.pdf", "Beta.pdf"], 3)
        assert await search(sort=Sort("filename", False), limit=1, offset=1) == (["Beta.pdf"], 3)
        assert await search(mailbox="sales") == (["gamma.pdf"], 1)
        assert await search(filters=DocumentFilter(label="rent")) == (["alpha.pdf"], 1)
        assert await search(filters=DocumentFilter(q="SHOP")) == (["alpha.pdf"], 1), "sender, any case"
        assert await search(filters=DocumentFilter(q="urgent")) == (["Beta.pdf"], 1), "note"
        assert await search(filters=DocumentFilter(source="email")) == (["Beta.pdf"], 1)
        assert await search(filters=DocumentFilter(flagged=True)) == (["Beta.pdf"], 1)
        assert await search(statuses=("processing",)) == ([], 0)

    async def test_search_by_refusal_on_record(self, uow):
        d = uuid.uuid4()
        ok, refused = document(d, filename="ok.pdf"), document(d, filename="refused.pdf")
        await add(uow, ok, refused)
        async with uow() as u:
            for doc in (ok, refused):
                found = await u.documents.get(d, doc.id)
                found.send(NOW)
                found.processed(NOW + timedelta(minutes=1))
                if doc is refused:
                    found.refused(NOW + timedelta(minutes=2), "period_closed")
                await u.documents.save(found)
        search = self.search_in(uow, d)
        assert await search(statuses=("processed",), filters=DocumentFilter(refused=True)) == (["refused.pdf"], 1)
        assert await search(statuses=("processed",), filters=DocumentFilter(refused=False)) == (["ok.pdf"], 1)
        assert await search(statuses=("processed",), sort=Sort("sent_at", True)) != ([], 0)

    def search_in(self, uow, dossier):
        async def search(*, statuses=("mailbox",), mailbox=None, filters=DocumentFilter(), sort=Sort(), limit=50,
                         offset=0):
            async with uow() as u:
                docs, total = await u.documents.search(dossier, statuses=statuses, mailbox=mailbox, filters=filters,
                                                       sort=sort, limit=limit, offset=offset)
            return [x.filename for x in docs], total
        return search

    async def test_labels_of_live_documents_sorted_once(self, uow):
        d = uuid.uuid4()
        gone = document(d, labels=("zeta",), status="deleted")
        await add(uow, document(d, labels=("rent", "q1")), document(d, labels=("q1",)), gone,
                  document(uuid.uuid4(), labels=("other",)))
        async with uow() as u:
            assert await u.documents.labels(d) == ["q1", "rent"]

    async def test_thumbnails_keep_the_first_rendering(self, uow):
        doc = document(uuid.uuid4())
        await add(uow, doc)
        async with uow() as u:
            assert await u.documents.thumbnail_key(doc.id, 1) is None
            await u.documents.save_thumbnail(doc.id, 1, "t/1")
            await u.documents.save_thumbnail(doc.id, 1, "t/other")
        async with uow() as u:
            assert await u.documents.thumbnail_key(doc.id, 1) == "t/1"

    async def test_commit_writes_the_recorded_events_to_the_outbox(self, uow, outbox):
        d = uuid.uuid4()
        doc = document(d)
        await add(uow, doc)
        async with uow() as u:
            found = await u.documents.get(d, doc.id, for_update=True)
            assert (await u.documents.get(d, doc.id)) is found, "one object per document in a unit of work"
            assert found.send(NOW) and not found.send(NOW), "sent once"
            await u.documents.save(found)
        events = await outbox()
        assert [(e["document_id"], e["filename"], e["auto_transmitted"]) for e in events] == \
            [(str(doc.id), doc.filename, False)]
        assert datetime.fromisoformat(events[0]["uploaded_at"]) == found.created_at, "upload time (issue 18)"
        request_event = uuid.uuid4()
        async with uow() as u:
            found = await u.documents.get(d, doc.id)
            found.reread(request_event, "corr-1")
            await u.documents.save(found)
        events = await outbox()
        assert (events[-1]["event_id"], events[-1]["correlation_id"]) == (str(request_event), "corr-1")
        async with uow() as u:
            assert (await u.documents.get(d, doc.id)).status == "processing"

    async def test_a_failing_unit_changes_nothing_and_publishes_nothing(self, uow, outbox):
        d = uuid.uuid4()
        doc = document(d)
        await add(uow, doc)
        statement = BankStatementReceived(
            correlation_id="c", office_id=uuid.uuid4(), dossier_id=d, statement_file_id=uuid.uuid4(), format="coda",
            source="portal", filename="s.cod", size_bytes=1, sha256="0" * 64, storage_key="s/1")
        with pytest.raises(Conflict):
            async with uow() as u:
                found = await u.documents.get(d, doc.id)
                found.send(NOW)
                await u.documents.save(found)
                await u.documents.add(document(d))
                u.publish(statement)
                found.delete()  # a sent document cannot be deleted: Conflict
        assert await outbox() == []
        async with uow() as u:
            assert (await u.documents.get(d, doc.id)).status == "mailbox"
            assert (await self.search_in(uow, d)())[1] == 1
        async with uow() as u:
            u.publish(statement)
        assert [e["statement_file_id"] for e in await outbox()] == [str(statement.statement_file_id)]

    async def test_a_mail_is_recorded_once_per_mailbox_and_kept_as_a_note(self, uow):
        d = uuid.uuid4()
        mail = DeliveredMail(d, "purchases", "<m1@x>", "a@x.be", "Invoice", "Hello")
        async with uow() as u:
            assert await u.mails.record(mail)
            assert not await u.mails.record(mail), "the same Message-ID twice"
            assert await u.mails.record(DeliveredMail(d, "sales", "<m1@x>")), "another mailbox takes it"
            assert await u.mails.record(DeliveredMail(d, "purchases", "<m2@x>"))
        async with uow() as u:
            await u.mails.finish(d, "purchases", "<m2@x>", 2, [])
            await u.mails.finish(d, "sales", "<m1@x>", 1, ["x.exe: unsupported"])
        async with uow() as u:
            notes = await u.mails.notes(d, "purchases")
            assert [(n.message_id, n.sender, n.subject, n.body, n.documents, n.problems) for n in notes] == \
                [("<m1@x>", "a@x.be", "Invoice", "Hello", 0, ())], "a mail that gave documents is no note"
            assert notes[0].received_at is not None
            assert [(n.message_id, n.problems) for n in await u.mails.notes(d, "sales")] == \
                [("<m1@x>", ("x.exe: unsupported",))], "refused attachments keep it as a note"
            assert await u.mails.notes(uuid.uuid4(), "purchases") == []

    async def test_dossiers_by_id_and_inbound_address_with_their_mailbox_counts(self, uow, replicate):
        office, d, archived, elsewhere = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        rules = {"auto_transmission": {"purchases": {"enabled": True, "sender_whitelist": ["@x.be"]}}}
        await replicate(office, d, rules, {"Dupont.Purchases@in.example": "purchases", "dupont.sales@in.example": "sales"})
        await replicate(office, archived, {}, {"gone@in.example": "misc"}, active=False)
        await replicate(uuid.uuid4(), elsewhere, {}, {})
        await add(uow, document(d), document(d), document(d, status="processing"), document(archived))
        async with uow() as u:
            found = await u.dossiers.get(d)
            assert (found.dossier_id, found.office_id, found.active) == (d, office, True)
            assert found.settings["auto_transmission"]["purchases"]["sender_whitelist"] == ["@x.be"]
            assert await u.dossiers.get(uuid.uuid4()) is None
            dossier, mailbox = await u.dossiers.by_address(" dupont.PURCHASES@in.example")
            assert (dossier.dossier_id, mailbox) == (d, "purchases")
            assert await u.dossiers.by_address("gone@in.example") is None, "an archived dossier takes no mail"
            assert await u.dossiers.by_address("nobody@in.example") is None
            counts = await u.dossiers.mailbox_counts(office, None)
            assert [(c.dossier_id, c.uploaded_not_sent) for c in counts] == sorted([(d, 2), (archived, 1)])
            assert [c.settings["auto_transmission"]["purchases"]["enabled"] for c in counts if c.dossier_id == d] == [True]
            assert [(c.dossier_id, c.uploaded_not_sent) for c in await u.dossiers.mailbox_counts(office, [d, elsewhere])] \
                == [(d, 2)], "only the office's dossiers among those asked"
