"""The portal's hand-written fakes of other services (services/portal/tests/portal_testkit) checked against the
real services' OpenAPI documents (docs/openapi, issue 19 item 5): every (method, path) a fake serves exists in the
real service, and what a fake answers for its own seeded data has a status the real route documents and a body its
response schema accepts. A fake that drifts fails here; change the fake, or regenerate the documents after a
route changed (make openapi)."""
from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import httpx
import pytest
from fastapi import FastAPI

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).resolve().parents[2] / "services/portal/tests")]
import openapi_match  # noqa: E402
from portal_testkit.bank_fake import FakeBank, build_fake_bank  # noqa: E402
from portal_testkit.counters_fake import build_fake_counters  # noqa: E402
from portal_testkit.notify_fake import FakeNotify, build_fake_notify  # noqa: E402
from portal.domain.mail_templates import MAIL_TEMPLATES  # noqa: E402
from portal_testkit.office_app import build_fake_office  # noqa: E402
from portal_testkit.office_state import FakeOffice, seeded  # noqa: E402
from portal_testkit.payments_fake import FakePayments, build_fake_payments  # noqa: E402
from portal_testkit.reporting_fake import FakeReporting, build_fake_reporting  # noqa: E402
from portal_testkit.sync_fake import FakeSync, build_fake_sync, change_of  # noqa: E402
from portal_testkit.worklist_fake import FakeWorklist, build_fake_worklist  # noqa: E402
from portal_testkit.worklist_pages import bakery_of  # noqa: E402

FAKES: dict[str, tuple[str, Callable[[FakeOffice], FastAPI]]] = {
    "payments": ("payments", lambda o: build_fake_payments(FakePayments(o))),
    "reporting": ("reporting", lambda o: build_fake_reporting(FakeReporting(o))),
    "sync": ("sync-connector", lambda o: build_fake_sync(FakeSync(o))),
    "bank": ("sync-connector", lambda o: build_fake_bank(FakeBank(o))),
    "worklist": ("worklist", lambda o: build_fake_worklist(FakeWorklist(o))),
    "notify": ("notify", lambda o: build_fake_notify(FakeNotify(o))),
    "notify-client": ("notify", lambda o: build_fake_notify(FakeNotify(o))),
    "office": ("office", build_fake_office),
    **{f"counters-{s}": (s, lambda o: build_fake_counters(o, "dossier.view", {}, ("waiting",)))
       for s in ("ingest", "notify", "worklist")},
}


@pytest.mark.parametrize("fake", sorted(FAKES))
def test_every_route_a_fake_serves_is_a_route_of_the_real_service(fake: str):
    service, build = FAKES[fake]
    app = build(seeded())
    assert openapi_match.served(app), "the fake serves nothing?"
    assert openapi_match.unserved(app, service) == []


def test_a_route_the_real_service_lacks_and_a_wrong_answer_are_named():
    app = FastAPI()

    @app.post("/dossiers/{dossier}/payments/{payment}/{action}")  # a template where payments has literal routes
    async def act() -> None: ...

    @app.get("/dossiers/{d}/payments/{p}/epc-qr.svg")  # one value of payments' epc-qr.{fmt}: fine
    async def qr() -> None: ...

    assert openapi_match.unserved(app, "payments") == ["POST /dossiers/{dossier}/payments/{payment}/{action}"]
    assert openapi_match.answer_problems("payments", "GET", "/dossiers/d/payments/p/epc-qr.svg", 200, None) == []
    wrong = openapi_match.answer_problems("payments", "POST", "/dossiers/d/approval-rules", 200, ["not", "a", "dict"])
    assert wrong and "does not answer 200" in wrong[0]
    assert openapi_match.answer_problems("payments", "GET", "/dossiers/d/approval-rules", 200, ["x"]) == [
        "GET /dossiers/{dossier_id}/approval-rules 200: body: ['x'] is not of type 'object'"]


def _payments(office: FakeOffice, dossier: str) -> tuple[FastAPI, list[tuple[str, str, Any]]]:
    office.overrides[dossier]["payment_module"] = True
    fake = FakePayments(office, accounts=[{"iban": "BE62510007547061", "bic": "GKCCBEBB", "name": "Bakkerij"}])
    doc, draft = "3c1e0b5e-4a9f-4d3e-9a11-5b2f0c7d8e91", fake.add(dossier)
    fake.invoice(doc, amount="60.50", creditor={"name": "Proximus", "iban": "BE71096123456769"})
    to_execute, rule = fake.add(dossier, state="to_execute"), fake.rule("two", [])
    base = f"/dossiers/{dossier}"
    return build_fake_payments(fake), [
        ("GET", f"{base}/payments", None), ("GET", f"{base}/payments/{draft['id']}", None),
        ("POST", f"{base}/payments", {"document_id": doc}),
        ("POST", f"{base}/payments/{draft['id']}/request-approval", {"rule_id": rule["id"]}),
        ("GET", f"{base}/payments/{to_execute['id']}/epc-qr.svg", None),
        ("GET", f"{base}/payable-documents", None), ("GET", f"{base}/debtor-accounts", None),
        ("GET", f"{base}/documents/{doc}/payment-status", None), ("GET", f"{base}/approval-rules", None),
        ("POST", f"{base}/sepa-files/preview", {"payment_ids": [to_execute["id"]]}),
        ("POST", f"{base}/sepa-files", {"payment_ids": [to_execute["id"]]}),
        ("GET", f"{base}/sepa-files", None),
        ("POST", f"{base}/payments/{draft['id']}/cancel", None)]


def _reporting(office: FakeOffice, dossier: str) -> tuple[FastAPI, list[tuple[str, str, Any]]]:
    fake, doc = FakeReporting(office), "6a1c3a52-9a4b-4c1e-8d2f-0a1b2c3d4e5f"
    fake.invoice(dossier, "R1", amount="1210.00", amount_open="1210.00")
    fake.document(dossier, doc, filename="factuur.pdf", status="received", entry_reference=None,
                  invoice_number=None, booking_date=None, total=None, journal_code=None, counterparty_reference=None,
                  counterparty_name=None)
    base = f"/dossiers/{dossier}"
    return build_fake_reporting(fake), [
        ("GET", f"{base}/dashboard?year=2026", None), ("GET", f"{base}/history", None),
        ("GET", f"{base}/history/export.xlsx", None), ("GET", f"{base}/archive/export.xlsx", None),
        ("GET", f"{base}/archive", None), ("GET", f"{base}/archive/{doc}", None),
        ("POST", f"{base}/history/R1/done", {"done": True}), ("GET", f"{base}/reports/entries?account=70", None)]


def _sync(office: FakeOffice, dossier: str) -> tuple[FastAPI, list[tuple[str, str, Any]]]:
    fake = FakeSync(office)
    change = change_of("604000")
    fake.reviews[dossier] = {"pending": [change], "journals": []}
    base = f"/dossiers/{dossier}"
    return build_fake_sync(fake), [
        ("GET", f"{base}/sync", None), ("POST", f"{base}/sync", {"reason": "manual"}),
        ("GET", f"{base}/account-changes", None),
        ("POST", f"{base}/account-changes/accept", {"change_ids": [change["change_id"]]}),
        ("GET", f"/monitor/sync?dossier_id={dossier}", None)]


BANK_LINE = {"sequence": "0002", "booking_date": "2026-04-09", "amount": "-60.50", "counterparty_name": "X",
             "counterparty_iban": None, "communication": "c", "state": "unmatched", "rule": None, "matched": [],
             "suggestions": []}


def test_money_as_a_json_number_is_drift():
    """Money crosses the wire as decimal strings: a bank line's amount as a JSON number does not match the
    sync-connector's document (it did before issue 19 item 5: the service answered -60.5)."""
    match = "/dossiers/d/bank-statements/f/lines/0002/match"
    assert openapi_match.answer_problems("sync-connector", "POST", match, 200, BANK_LINE) == []
    problems = openapi_match.answer_problems("sync-connector", "POST", match, 200, {**BANK_LINE, "amount": -60.5})
    assert len(problems) == 1 and "amount" in problems[0] and "string" in problems[0]


def _bank(office: FakeOffice, dossier: str) -> tuple[FastAPI, list[tuple[str, str, Any]]]:
    fake, file_id, line = FakeBank(office), "5f0c2f9e-1111-4000-8000-000000000001", dict(BANK_LINE)
    fake.statements[dossier] = [{"statement_file_id": file_id, "filename": "april.cod", "state": "imported",
                                 "format": "coda", "source": "portal", "duplicate_of": None, "error_code": None,
                                 "error_reason": None, "statement_reference": "5", "account": "BE48001123456727",
                                 "statement_date": "2026-04-10", "opening_balance": "5000.00",
                                 "closing_balance": "4939.50", "received_at": "2026-04-10T08:00:00+00:00",
                                 "imported_at": "2026-04-10T08:00:05+00:00", "lines": 1, "matched": 0,
                                 "lines_detail": [line]}]
    fake.open_items[dossier] = [{"reference": "18", "kind": "payable", "invoice_number": "F-3", "party": "X",
                                 "amount_open": "60.50", "due_date": "2026-04-12"}]
    base = f"/dossiers/{dossier}/bank-statements"
    return build_fake_bank(fake), [
        ("GET", base, None), ("GET", f"{base}/{file_id}", None),
        ("GET", f"{base}/{file_id}/lines/0002/candidates", None),
        ("POST", f"{base}/{file_id}/lines/0002/match", {"references": ["18"]})]


def _worklist(office: FakeOffice, dossier: str) -> tuple[FastAPI, list[tuple[str, str, Any]]]:
    fake = FakeWorklist(office)
    one, two = fake.add(dossier)["id"], fake.add(dossier)["id"]
    base = f"/dossiers/{dossier}"
    return build_fake_worklist(fake), [
        ("GET", f"{base}/worklists/to_validate", None), ("GET", f"{base}/proposals/{one}", None),
        ("GET", f"{base}/proposals/{one}/neighbours", None), ("GET", f"{base}/choices", None),
        ("GET", f"{base}/counterparties?q=Brico", None),
        ("POST", f"{base}/proposals/check", {"proposal_ids": [one]}),
        ("POST", f"{base}/proposals/{two}/help", {"question": "which account?"}),
        ("GET", f"/monitor/counters?dossier_id={dossier}", None)]


class Form(NamedTuple):
    """A multipart body (text fields and files) of a scenario's call."""

    data: dict[str, str]
    files: list[tuple[str, tuple[str, bytes, str]]]


PDF = ("files", ("a.pdf", b"%PDF-1.7\n", "application/pdf"))


def _notify_seed(office: FakeOffice, dossier: str, email: str) -> tuple[FakeNotify, dict, dict, dict]:
    """A question of the office, a message of the caller with a file in it, a closed thread: (fake, threads...)."""
    fake, user = FakeNotify(office), office.user_by_email(email)
    asked = fake.ask(dossier, "Which invoice is this?", subject="Question")
    own = fake.ask(dossier, "Hello", subject="Files", recipient_user_id=None if user.role else user.id)
    mine = fake.add(own, "See the file", "office" if user.role else "client", user.id, user.name)
    mine["files"] = [{"id": "7d0c2f9e-1111-4000-8000-000000000001", "filename": "a.pdf",
                      "content_type": "application/pdf", "size": 10, "data": b"%PDF-1.7\n"}]
    closed = fake.ask(dossier, "Done", subject="Closed", recipient_user_id=None if user.role else user.id)
    closed["status"] = "closed"
    return fake, asked, own, mine | {"closed": closed}


def _notify(office: FakeOffice, dossier: str) -> tuple[FastAPI, list[tuple[str, str, Any]]]:
    fake, asked, own, mine = _notify_seed(office, dossier, "admin@demo.test")
    template = {"id": "9a0c2f9e-1111-4000-8000-000000000001", "name": "Reminder", "language": "nl",
                "subject": "Herinnering", "body": "Beste", "updated_at": "2026-03-01T09:00:00+00:00"}
    fake.conversation_templates[template["id"]] = template
    base, key = f"/dossiers/{dossier}/conversations", sorted(MAIL_TEMPLATES)[0]
    thread, closed = f"{base}/{own['id']}", f"{base}/{mine['closed']['id']}"
    return build_fake_notify(fake), [
        ("GET", base, None), ("GET", f"{base}/unread", None), ("GET", f"{base}/{asked['id']}", None),
        ("POST", base, {"subject": "New", "text": "Hello"}), ("POST", f"{thread}/messages", {"text": "More"}),
        ("PATCH", f"{thread}/messages/{mine['id']}", {"text": "Changed"}),
        ("POST", f"{thread}/files", Form({"text": "A file"}, [PDF])),
        ("POST", f"{base}/with-files", Form({"subject": "With a file", "text": ""}, [PDF])),
        ("GET", f"{thread}/files/{mine['files'][0]['id']}", None),
        ("POST", f"{closed}/archive", None), ("GET", f"{base}?archived=true", None),
        ("POST", f"{closed}/restore", None), ("POST", f"{thread}/close", None),
        ("GET", f"/dossiers/{dossier}/conversation-templates", None),
        ("POST", "/conversations/broadcast", {"dossier_ids": [dossier], "subject": "News", "text": "Hi"}),
        ("GET", f"/dossiers/{dossier}/vat-confirmations", None),
        ("GET", "/templates", None), ("PUT", f"/templates/{key}/nl", {"subject": "Onderwerp", "body": "Tekst"}),
        ("GET", f"/templates/{key}/nl", None), ("DELETE", f"/templates/{key}/nl", None),
        ("GET", f"/templates/{key}/fr", None), ("GET", "/conversation-templates", None),
        ("POST", "/conversation-templates", {"name": "N", "language": "fr", "subject": "S", "body": "B"}),
        ("DELETE", f"/conversation-templates/{template['id']}", None)]


def _notify_client(office: FakeOffice, dossier: str) -> tuple[FastAPI, list[tuple[str, str, Any]]]:
    fake, asked, own, mine = _notify_seed(office, dossier, "full_access@client.test")
    base = f"/dossiers/{dossier}/conversations"
    return build_fake_notify(fake), [
        ("GET", base, None), ("GET", f"{base}/{own['id']}", None), ("POST", f"{base}/{own['id']}/messages",
                                                                     {"text": "Thanks"}),
        ("POST", f"/dossiers/{dossier}/vat-confirmations", {"period": "2026-03"}),
        ("POST", f"/dossiers/{dossier}/vat-confirmations", {"period": "2026-03"}),  # again: the first, 200
        ("GET", f"/dossiers/{dossier}/vat-confirmations", None)]


def _ingest_counters(office: FakeOffice, dossier: str) -> tuple[FastAPI, list[tuple[str, str, Any]]]:
    app = build_fake_counters(office, "document.view", {dossier: {"uploaded_not_sent": 3}}, ("uploaded_not_sent",))
    return app, [("GET", f"/monitor/counters?dossier_id={dossier}", None)]  # as test_sync_routes seeds it


SCENARIOS = {"counters-ingest": (_ingest_counters, "admin@demo.test"), "payments": (_payments, "full_access@client.test"), "reporting": (_reporting, "admin@demo.test"),
             "sync": (_sync, "admin@demo.test"), "bank": (_bank, "admin@demo.test"),
             "worklist": (_worklist, "admin@demo.test"), "notify": (_notify, "admin@demo.test"),
             "notify-client": (_notify_client, "full_access@client.test")}  # (the calls, who makes them)


@pytest.mark.parametrize("fake", sorted(SCENARIOS))
async def test_what_a_fake_answers_for_its_seeded_data_is_what_the_real_service_documents(fake: str):
    office = seeded()
    scenario, email = SCENARIOS[fake]
    app, calls = scenario(office, bakery_of(office))
    token = office.issue(office.user_by_email(email))["access_token"]
    service, problems = FAKES[fake][0], []
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://fake",
                                 headers={"Authorization": f"Bearer {token}"}) as http:
        for method, url, body in calls:
            sent = {"data": body.data, "files": body.files} if isinstance(body, Form) else {"json": body}
            answer = await http.request(method, url, **sent)
            assert answer.status_code < 300, f"{method} {url}: the scenario itself failed: {answer.text[:300]}"
            is_json = answer.headers.get("content-type", "").startswith("application/json")
            problems += openapi_match.answer_problems(service, method, url.split("?")[0], answer.status_code,
                                                      answer.json() if is_json else None)
    assert problems == []
