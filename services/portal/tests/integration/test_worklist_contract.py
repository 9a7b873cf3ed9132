"""The worklist contract suite (portal_testkit.worklist_contract) through the portal's WorklistClient, against the
fake worklist the page tests use and against the real worklist app in process on a throw-away database (its
replica fed with dossier.changed / ledger.synced, proposals with proposal.created, tokens from the fake office)."""
from __future__ import annotations

import json

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest
from contracts.events.dossiers import DossierChanged
from contracts.events.ledger import LedgerSynced
from contracts.events.proposals import ProposalCreated
from runtime.auth.tokens import Unauthenticated
from runtime.service import http_app
from runtime.storage import FakeObjectStore
from runtime.testing import temp_pool

from portal.adapters.worklist import WorklistClient
from portal_testkit.office_state import FakeOffice, seeded
from portal_testkit.worklist_contract import CHECKS
from portal_testkit.worklist_fake import FakeWorklist, build_fake_worklist

pytestmark = pytest.mark.integration
SCHEMA = [{"account": "610000", "rubric": "Rent", "description": "Office rent",
           "extra_info": "Rent of the shop: always on 610000, never on suspense."}]


def _office() -> tuple[FakeOffice, str, str]:
    office = seeded()
    bakery = next(d for d, v in office.dossiers.items() if v["name"] == "Bakery Janssens")
    garage = next(d for d, v in office.dossiers.items() if v["name"] == "Garage Dubois")
    office.user_by_email("full_access@client.test").profiles[garage] = "FULL_ACCESS"
    for dossier in (bakery, garage):
        office.overrides[dossier]["permanent_dossier_types"] = ["statutes", "contracts"]
    return office, bakery, garage


@dataclass
class FakeWorld:
    office: FakeOffice
    bakery: str
    garage: str
    worklist: FakeWorklist = field(init=False)

    def __post_init__(self) -> None:
        self.worklist = FakeWorklist(self.office)
        self.app = build_fake_worklist(self.worklist)

    def client(self, email: str) -> WorklistClient:
        token = self.office.issue(self.office.user_by_email(email))["access_token"]
        return WorklistClient(httpx.AsyncClient(transport=httpx.ASGITransport(app=self.app),
                                                base_url="http://worklist.test"), token)

    async def add(self, dossier_id: str, minute: int = 0, with_document: bool = True, **values: Any) -> str:
        return self.worklist.add(dossier_id, with_document=with_document,
                                 processed_at=f"2026-01-20T10:{minute:02d}:00+00:00", **values)["id"]

    async def put_words(self, payload: Any) -> str:
        key = f"words/{len(self.worklist.words)}"
        self.worklist.words[key] = payload
        return key

    async def add_misc(self, dossier_id: str) -> str:
        """A document sent from the misc mailbox (document.received, mailbox misc): a misc item to file."""
        return self.worklist.add(dossier_id, mailbox="misc", status="to_file", origin="manual", journal=None,
                                 period=None, invoice_number=None, invoice_date=None, counterparty=None,
                                 lines=[], totals={"net": None, "vat": None, "gross": None})["id"]


class FakeOfficeTokens:
    """The real worklist's token verifier, answering for the fake office's opaque tokens."""

    def __init__(self, office: FakeOffice) -> None:
        self.office = office

    async def verify(self, token: str):
        user_id = self.office.access_tokens.get(token)
        if user_id is None:
            raise Unauthenticated("unknown token")
        return self.office.principal(self.office.users[user_id])


@dataclass
class RealWorld:
    office: FakeOffice
    bakery: str
    garage: str
    pool: Any
    app: Any
    store: Any = None

    def client(self, email: str) -> WorklistClient:
        token = self.office.issue(self.office.user_by_email(email))["access_token"]
        return WorklistClient(httpx.AsyncClient(transport=httpx.ASGITransport(app=self.app),
                                                base_url="http://worklist.test"), token)

    async def add(self, dossier_id: str, minute: int = 0, with_document: bool = True, **values: Any) -> str:
        from contracts.events.documents import DocumentReceived
        from worklist.handlers.events import on_document_received, on_proposal_created

        data: dict[str, Any] = {
            "correlation_id": "portal-contract", "office_id": self.office.office["id"], "dossier_id": dossier_id,
            "proposal_id": str(uuid.uuid4()), "document_id": str(uuid.uuid4()), "origin": "air",
            "journal": {"code": "ACH", "type": "purchases", "name": "Purchases"},
            "period": {"code": "2026-01", "start_date": "2026-01-01", "end_date": "2026-01-31"},
            "invoice_number": "F-1", "invoice_date": "2026-01-15",
            "counterparty": {"status": "known", "reference": "C1", "name": "Brico Supplies NV",
                             "vat_number": "BE0403170701"},
            "lines": [{"line_no": 1, "account": "604000", "vat_code": "21", "vat_rate": "21", "net_amount": "100.00",
                       "vat_amount": "21.00"}],
            "totals": {"net": "100.00", "vat": "21.00", "gross": "121.00"}, "status": "complete",
            "mailbox": "purchases", "page_count": 1,
            "occurred_at": (datetime(2026, 1, 20, 10, tzinfo=timezone.utc) + timedelta(minutes=minute)).isoformat()}
        data.update(values)
        event = ProposalCreated.model_validate(data)
        async with self.pool.acquire() as conn, conn.transaction():
            if with_document:
                await on_document_received(conn, DocumentReceived.model_validate({
                    "correlation_id": "portal-contract", "office_id": data["office_id"], "dossier_id": dossier_id,
                    "document_id": str(event.document_id), "source": "portal", "mailbox": event.mailbox or "purchases",
                    "filename": "invoice.pdf", "content_type": "application/pdf", "size_bytes": 1000,
                    "sha256": "0" * 64, "storage_key": f"documents/{event.document_id}.pdf", "page_count": 1}))
            await on_proposal_created(conn, event)
        return str(event.proposal_id)

    async def add_misc(self, dossier_id: str) -> str:
        return await _add_misc(self, dossier_id)

    async def put_words(self, payload: Any) -> str:
        return (await self.store.put_bytes(json.dumps(payload).encode(), "application/json")).key


async def _add_misc(world: "RealWorld", dossier_id: str) -> str:
    from contracts.events.documents import DocumentReceived
    from worklist.handlers.events import misc_proposal_id, on_document_received

    document_id = uuid.uuid4()
    async with world.pool.acquire() as conn, conn.transaction():
        await on_document_received(conn, DocumentReceived.model_validate({
            "correlation_id": "portal-contract", "office_id": world.office.office["id"], "dossier_id": dossier_id,
            "document_id": str(document_id), "source": "portal", "mailbox": "misc", "filename": "statutes.pdf",
            "content_type": "application/pdf", "size_bytes": 1000, "sha256": "1" * 64,
            "storage_key": f"documents/{document_id}.pdf", "page_count": 1}))
    return str(misc_proposal_id(document_id))


async def _seed_replica(pool: Any, office: FakeOffice, dossiers: dict[str, str]) -> None:
    from worklist.handlers.events import on_dossier_changed, on_ledger_synced

    for dossier_id, mode in dossiers.items():
        changed = DossierChanged.model_validate({
            "correlation_id": "portal-contract", "office_id": office.office["id"], "dossier_id": dossier_id,
            "change": "created", "dossier": {"name": office.dossiers[dossier_id]["name"], "settings": {
                "validation_mode": mode, "office_schema": SCHEMA, "permanent_dossier_types": ["statutes", "contracts"],
                "journals": [{"alias": "ACH", "type": "purchases", "number_format": "{seq}"},
                             {"alias": "VEN", "type": "sales", "number_format": "{seq}"}]}}})
        synced = LedgerSynced.model_validate({
            "correlation_id": "portal-contract", "office_id": office.office["id"], "dossier_id": dossier_id,
            "accounting_software": "tryton", "sync": {"run_id": str(uuid.uuid4()), "reason": "full",
                                                      "started_at": "2026-01-05T08:00:00Z",
                                                      "finished_at": "2026-01-05T08:00:00Z"}, "master_data": {
                "accounts": [{"code": "604000", "name": "Purchases of goods", "kind": "expense"},
                             {"code": "610000", "name": "Rent", "kind": "expense"},
                             {"code": "499000", "name": "Suspense account"}],
                "journals": [{"code": "ACH", "type": "purchases", "name": "Purchases"},
                             {"code": "VEN", "type": "sales", "name": "Sales"}],
                "periods": [{"code": "2026-01", "start_date": "2026-01-01", "end_date": "2026-01-31"},
                            {"code": "2025-12", "start_date": "2025-12-01", "end_date": "2025-12-31",
                             "state": "closed"}],
                "vat_codes": [{"code": "21", "direction": "purchase", "rate": "21"}],
                "counterparties": [{"reference": "C1", "name": "Brico Supplies NV", "vat_number": "BE0403170701"}]}})
        async with pool.acquire() as conn, conn.transaction():
            await on_dossier_changed(conn, changed)
            await on_ledger_synced(conn, synced)


@pytest.fixture(params=["fake", "real"])
async def world(request):
    office, bakery, garage = _office()
    if request.param == "fake":
        yield FakeWorld(office, bakery, garage)
        return
    from worklist.bootstrap import MIGRATIONS, SPEC
    from worklist.config import WorklistSettings
    from worklist.handlers.context import Deps

    settings = WorklistSettings(service="worklist-portal-contract")
    async with temp_pool(settings, MIGRATIONS) as pool:
        await _seed_replica(pool, office, {bakery: "collaborator", garage: "hybrid"})
        store = FakeObjectStore()
        app = http_app(SPEC, settings, Deps(pool=pool, settings=settings, store=store),
                       token_verifier=FakeOfficeTokens(office))
        yield RealWorld(office, bakery, garage, pool, app, store)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__.removeprefix("check_"))
async def test_worklist_contract(world, check):
    await check(world)
