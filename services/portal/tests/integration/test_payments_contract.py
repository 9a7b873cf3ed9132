"""The fake payments (portal_testkit/payments_fake.py) and the real payments app answer the portal's PaymentsClient
alike (issue 19 item 5): the same suite runs against both, so the fake cannot drift from what the payment pages
read. The real one runs in process on a throw-away database (its files kept in memory), seeded through its own
event handlers; change the fake when this fails, never the assertions."""
from __future__ import annotations

import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from contracts.events.bank import BankStatementImported
from runtime.auth.tokens import TokenIssuer, TokenVerifier, generate_signing_key
from runtime.service import http_app
from runtime.storage import FakeObjectStore
from runtime.testing import temp_pool

from portal.adapters.payments import PaymentsClient, PaymentsError
from portal_testkit.office_state import seeded
from portal_testkit.payments_fake import FakePayments, build_fake_payments
from portal_testkit.worklist_pages import bakery_of

ROOT = Path(__file__).resolve().parents[4]
sys.path[:0] = [str(ROOT / "services" / "payments" / "tests"), str(ROOT / "tests" / "contracts")]
import openapi_match  # noqa: E402
from payments.bootstrap import MIGRATIONS, SPEC  # noqa: E402
from payments.config import PaymentsSettings  # noqa: E402
from payments.handlers.bank import on_bank_statement_imported  # noqa: E402
from payments.handlers.context import Deps  # noqa: E402
from payments.handlers.events import on_dossier_changed, on_proposal_created, on_proposal_validated  # noqa: E402
from payments_testkit import (OFFICE, PROXIMUS_IBAN, client, client_user, dossier_changed,  # noqa: E402
                              proposal_created, proposal_validated)

pytestmark = pytest.mark.integration
ACCOUNT = "BE74734019254307"  # the dossier's own account, to pay from
# what the payment pages and their view (portal/domain/payment_view.py) read of each answer
PAYMENT_KEYS = {"id", "dossier_id", "document_id", "method", "state", "amount", "currency", "creditor",
                "communication", "execution_date", "initiated_by", "rule_id", "approvals", "sepa_file_id",
                "executed_at", "debtor"}
FILE_KEYS = {"id", "dossier_id", "debtor_name", "debtor_iban", "count", "total", "created_at", "created_by",
             "payment_ids"}
PAYABLE_KEYS = {"document_id", "counterparty_name", "amount", "invoice_number", "due_date", "currency"}


@dataclass
class Documented:
    """Every answer checked against docs/openapi/payments.json: a documented status, a body its schema accepts."""

    problems: list[str] = field(default_factory=list)

    async def __call__(self, response: httpx.Response) -> None:
        await response.aread()
        is_json = response.headers.get("content-type", "").startswith("application/json")
        if response.status_code < 300:
            self.problems += openapi_match.answer_problems("payments", response.request.method,
                                                           response.request.url.path, response.status_code,
                                                           response.json() if is_json else None)


@dataclass
class Side:
    api: PaymentsClient
    dossier: str
    document: str  # a reviewed purchase invoice of Proximus NV, 1210.00, nothing pays it yet
    documented: Documented


@asynccontextmanager
async def real_side() -> AsyncIterator[Side]:
    settings = PaymentsSettings(service="payments-contract")
    async with temp_pool(settings, MIGRATIONS) as pool:
        dossier, document, anna = uuid.uuid4(), uuid.uuid4(), client_user("full_access")
        async with pool.acquire() as conn, conn.transaction():
            await on_dossier_changed(conn, dossier_changed(dossier, anna))
            created = proposal_created(dossier, document, gross="1210.00")
            await on_proposal_created(conn, created)
            await on_proposal_validated(conn, proposal_validated(created))
            await on_bank_statement_imported(conn, BankStatementImported(
                correlation_id="t", office_id=OFFICE, dossier_id=dossier, statement_file_id=uuid.uuid4(),
                outcome="imported", account=ACCOUNT))
        store = FakeObjectStore()  # the files' bytes are payments' own business; the API is what is compared
        issuer = TokenIssuer(generate_signing_key(), "contract-kid", settings.jwt_issuer)
        app = http_app(SPEC, settings, Deps(pool=pool, store=store, settings=settings),
                       token_verifier=TokenVerifier(issuer=issuer.issuer, jwks=issuer.jwks()))
        checks = Documented()
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://payments",
                                     event_hooks={"response": [checks]}) as http:
            yield Side(PaymentsClient(http, issuer.issue(client(anna, dossier))), str(dossier), str(document), checks)


@asynccontextmanager
async def fake_side() -> AsyncIterator[Side]:
    office = seeded()
    dossier, document = bakery_of(office), str(uuid.uuid4())
    office.overrides[dossier]["payment_module"] = True
    fake = FakePayments(office, accounts=[{"iban": ACCOUNT, "bic": None, "name": None}])
    fake.invoice(document, amount="1210.00", creditor={"name": "Proximus NV", "iban": PROXIMUS_IBAN,
                                                       "bic": "GKCCBEBB"},
                 communication={"kind": "structured", "text": "+++010/8068/17183+++"}, execution_date="2030-01-15",
                 invoice_number="F2026-0042", due_date="2030-01-15")
    token = office.issue(office.user_by_email("full_access@client.test"))["access_token"]
    checks = Documented()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=build_fake_payments(fake)),
                                 base_url="http://payments", event_hooks={"response": [checks]}) as http:
        yield Side(PaymentsClient(http, token), dossier, document, checks)


@pytest.fixture(params=["fake", "real"])
async def side(request) -> AsyncIterator[Side]:
    async with (fake_side() if request.param == "fake" else real_side()) as found:
        yield found
        assert found.documented.problems == [], "an answer is not what docs/openapi/payments.json says"


async def refused(call) -> PaymentsError:
    with pytest.raises(PaymentsError) as caught:
        await call
    return caught.value


async def test_a_reviewed_invoice_prefills_one_draft(side: Side):
    """PAY-2 and issue 15 item 11: listed to pay, prefilled from document_id alone, then paid by that draft only."""
    payable = await side.api.payable(side.dossier)
    assert [p["document_id"] for p in payable] == [side.document] and PAYABLE_KEYS <= payable[0].keys()
    assert (payable[0]["amount"], payable[0]["counterparty_name"]) == ("1210.00", "Proximus NV")
    made = await side.api.create(side.dossier, {"document_id": side.document})
    assert PAYMENT_KEYS <= made.keys() and (made["state"], made["amount"], made["method"]) == ("draft", "1210.00", "sepa")
    assert made["creditor"] == {"name": "Proximus NV", "iban": PROXIMUS_IBAN, "bic": "GKCCBEBB"}
    assert made["communication"] == {"kind": "structured", "text": "+++010/8068/17183+++"}
    assert made["document_id"] == side.document and made["debtor"]["iban"] == ACCOUNT
    assert [p["id"] for p in await side.api.payments(side.dossier)] == [made["id"]]
    assert (await side.api.payment(side.dossier, made["id"]))["id"] == made["id"]
    assert await side.api.payments(side.dossier, state="to_execute") == []
    status = await side.api.document_status(side.dossier, side.document)
    assert status["payment_in_progress"] is True and status["payment"]["id"] == made["id"]
    assert await side.api.payable(side.dossier) == []
    twice = await refused(side.api.create(side.dossier, {"document_id": side.document}))
    assert (twice.status, twice.reason, twice.params["payment_id"]) == (409, "document_paid", made["id"])


async def test_refusals_name_the_field_the_payment_or_the_state(side: Side):
    """Each refusal as the portal reads it: status, code, and a command's reason with its values (the payment
    pages say the reason in the reader's language, domain.payment_view.refusal)."""
    bad = await refused(side.api.create(side.dossier, {"creditor": {"name": "X", "iban": "BE00 1234"},
                                                       "amount": "12.00"}))
    assert (bad.status, bad.code) == (422, "validation_error") and "creditor.iban" in [d.get("field") for d in bad.details]
    missing = await refused(side.api.payment(side.dossier, str(uuid.uuid4())))
    assert (missing.status, missing.code) == (404, "not_found")
    draft = await side.api.create(side.dossier, {"creditor": {"name": "Eneco", "iban": PROXIMUS_IBAN},
                                                 "amount": "45.10"})
    early = await refused(side.api.act(side.dossier, draft["id"], "approve"))  # no rule to approve under
    assert (early.status, early.code) == (422, "validation_error") and [d.get("field") for d in early.details] == [
        "rule_id"]
    await side.api.act(side.dossier, draft["id"], "cancel")
    late = await refused(side.api.act(side.dossier, draft["id"], "cancel"))
    assert (late.status, late.code, late.reason, late.params) == (409, "conflict", "wrong_state", {"state": "cancelled"})
    none = await refused(side.api.preview(side.dossier, []))
    assert (none.status, none.code) == (422, "validation_error") and [d.get("code") for d in none.details] == [
        "selection_empty"]
    other = await refused(side.api.preview(side.dossier, [str(uuid.uuid4())]))
    assert (other.status, other.code) == (404, "not_found")


async def test_a_draft_goes_to_execute_and_into_a_sepa_file(side: Side):
    """PAY-3, PAY-6: approval not required, so asked approval means to execute; the file takes the dossier's
    account when none is named, its payments are executed and it is kept as XML."""
    made = await side.api.create(side.dossier, {"document_id": side.document})
    rules = await side.api.rules(side.dossier)
    assert rules["approval_required"] is False and rules["rules"] == []
    asked = await side.api.act(side.dossier, made["id"], "request-approval")
    assert asked["state"] == "to_execute"
    preview = await side.api.preview(side.dossier, [made["id"]])
    assert (preview["count"], preview["total"]) == (1, "1210.00")
    accounts = await side.api.debtor_accounts(side.dossier)
    assert accounts["default"] == ACCOUNT and accounts["accounts"][0]["default"] is True
    made_file = await side.api.create_file(side.dossier, [made["id"]], {}, None)
    assert FILE_KEYS <= made_file.keys() and (made_file["count"], made_file["total"]) == (1, "1210.00")
    assert made_file["debtor_iban"] == ACCOUNT and made_file["payment_ids"] == [made["id"]]
    assert [f["id"] for f in await side.api.files(side.dossier)] == [made_file["id"]]
    paid = await side.api.payment(side.dossier, made["id"])
    assert (paid["state"], paid["sepa_file_id"]) == ("executed", made_file["id"])
    xml = await side.api.file_xml(side.dossier, made_file["id"])
    assert xml.headers["content-type"].startswith("application/xml") and xml.content.startswith(b"<?xml")
    again = await refused(side.api.preview(side.dossier, [made["id"]]))
    assert (again.status, again.reason) == (409, "not_in_file")


async def test_a_cancelled_draft_frees_its_invoice_and_an_epc_payment_has_a_qr(side: Side):
    made = await side.api.create(side.dossier, {"document_id": side.document})
    cancelled = await side.api.act(side.dossier, made["id"], "cancel")
    assert cancelled["state"] == "cancelled"
    assert [p["document_id"] for p in await side.api.payable(side.dossier)] == [side.document]
    assert (await side.api.document_status(side.dossier, side.document))["payment_in_progress"] is False
    qr = await side.api.create(side.dossier, {"document_id": side.document, "method": "epc_qr"})
    await side.api.act(side.dossier, qr["id"], "request-approval")
    assert (await side.api.qr_svg(side.dossier, qr["id"])).lstrip().startswith(("<svg", "<?xml"))
    done = await side.api.act(side.dossier, qr["id"], "paid-by-qr")
    assert done["state"] == "executed"
