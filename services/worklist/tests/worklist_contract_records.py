"""The worklist repository contract (worklist_repository_contract), part three: what the worklist keeps beside its
proposals — the document files, the dossier's master data with its choices and counterparties, and the failed
recognitions awaiting a reprocess."""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime, timezone

from contracts.events.ledger import AccountRecord, DeletedRecord, MasterData

from worklist.domain.choices import Choices
from worklist.domain.records import DocumentFile, Failure

from worklist_contract_data import NOW
from worklist_testkit import master_data


class RecordsContract:
    """The documents, master data and failures repositories."""

    async def test_a_document_file_is_known_in_its_dossier_and_keeps_its_first_arrival(self, uow):
        d, doc = uuid.uuid4(), uuid.uuid4()
        first = DocumentFile(doc, d, "purchases", "a.pdf", "application/pdf", f"k/{doc}", NOW, page_count=1)
        async with uow() as u:
            await u.documents.record(first)
            await u.documents.record(replace(first, mailbox="misc", filename="b.pdf", page_count=3,
                                             received_at=datetime(2026, 4, 1, tzinfo=timezone.utc)))
        async with uow() as u:
            assert await u.documents.get(d, doc) == replace(first, mailbox="misc", filename="b.pdf", page_count=3)
            assert await u.documents.get(uuid.uuid4(), doc) is None
            assert await u.documents.mailbox_of(doc) == "misc"
            assert await u.documents.mailbox_of(uuid.uuid4()) is None

    async def test_master_data_gives_the_choices_of_its_dossier(self, uow):
        d = uuid.uuid4()
        master = master_data(str(uuid.uuid4()), str(d)).master_data
        dossier = {"dossier_id": d, "settings": {"extra_accounts": ["550000"],
                                                 "journals": [{"alias": "CAI", "type": "purchases", "active": True}]}}
        async with uow() as u:
            await u.master.apply(d, master)
            await u.master.apply(d, MasterData(accounts=(AccountRecord(code="611000", name="Services", active=False),),
                                               deleted=(DeletedRecord(kind="periods", reference="2025-04"),)))
        async with uow() as u:
            found = await u.master.choices(dossier, ["P-0008", "P-404"], suspense_prefixes=("49",))
            assert sorted(found.accounts) == ["499000", "604000", "700000"], "inactive accounts are left out"
            assert found.extra_accounts == frozenset({"550000"}) and found.suspense_prefixes == ("49",)
            assert list(found.journals) == ["ACH", "VEN", "CAI"] and found.journals["CAI"]["type"] == "purchases"
            assert sorted(found.periods) == ["2025-01", "2025-03"] and sorted(found.vat_codes) == ["21", "6"]
            assert list(found.counterparties) == ["P-0008"]
            assert await u.master.choices({"dossier_id": uuid.uuid4()}) == Choices()

    async def test_counterparties_are_found_by_name_or_vat_number_in_their_dossier(self, uow):
        d = uuid.uuid4()
        async with uow() as u:
            await u.master.apply(d, master_data(str(uuid.uuid4()), str(d)).master_data)
        async with uow() as u:
            assert [c["reference"] for c in await u.master.search_counterparties(d, " DUPONT")] == ["P-0007"]
            assert [c["reference"] for c in await u.master.search_counterparties(d, "be0123")] == ["P-0007"]
            assert [c["name"] for c in await u.master.search_counterparties(d, "a")] == ["Brasserie Dupont SRL",
                                                                                       "Garage Martin"]
            assert len(await u.master.search_counterparties(d, "a", limit=1)) == 1
            assert await u.master.search_counterparties(uuid.uuid4(), "dupont") == []

    async def test_a_failed_recognition_is_kept_until_the_document_is_read(self, uow):
        d, doc, other = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        failed = Failure(doc, d, "timeout", uuid.uuid4())
        async with uow() as u:
            await u.failures.record(failed)
            await u.failures.record(Failure(other, d, "unreadable", uuid.uuid4()))
            request = uuid.uuid4()
            await u.failures.mark_reprocessing([doc], request)
        async with uow() as u:
            found = await u.failures.of_documents(d, [doc, other, uuid.uuid4()], lock=True)
            assert sorted(found) == sorted([doc, other])
            assert found[doc].reprocess_request_id == request and found[doc].reprocess_requested_at is not None
            assert (found[other].error_code, found[other].reprocess_request_id) == ("unreadable", None)
            assert await u.failures.of_documents(uuid.uuid4(), [doc]) == {}, "another dossier's are not there"
            again = replace(failed, error_code="crashed", recognized_event_id=uuid.uuid4())
            await u.failures.record(again)
            await u.failures.clear(other)
        async with uow() as u:
            assert await u.failures.of_documents(d, [doc, other]) == {doc: again}, "a new failure answers the request"
