"""A fake payments service (services/payments/README.md) in memory, over the fake office's tokens and policy.

It keeps what the portal relies on: the matrix per route (403, also when the dossier's payment module is off), a
payment of another dossier is 404, prefill from a known purchase invoice, 422 naming each field by its dotted path
(``creditor.iban``, ``debtor.iban``), the state machine with 409 for a wrong state, the preview's count and total,
and SEPA files kept byte for byte. ``calls`` records every state-changing request (path, JSON body). The dossier's
own accounts (``accounts``, PAY-3) prefill a payment's from-account and a file's debtor; the office prepares (PAY-10)
unless the dossier is in ``preparation_off``.
"""
from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from stdnum import iban as iban_check

from portal_testkit.fake_caller import caller, error
from portal_testkit.office_state import FakeOffice

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 21 21"><rect width="7" height="7"/></svg>'
OPEN = ("draft", "to_approve", "to_execute")


def _account_problems(prefix: str, name: Any, iban: Any) -> dict[str, tuple[str, str]]:
    problems = {} if name else {f"{prefix}.name": ("required", "is required")}
    if not iban or not iban_check.is_valid(str(iban)):
        problems[f"{prefix}.iban"] = ("iban", "not a valid IBAN (country, check digits and bank code)")
    return problems


@dataclass
class FakePayments:
    """Payments, rules and files; tests seed with ``add`` / ``invoice`` / ``rule`` and read ``calls``."""

    office: FakeOffice
    payments: dict[str, dict[str, Any]] = field(default_factory=dict)
    invoices: dict[str, dict[str, Any]] = field(default_factory=dict)  # document id -> prefill
    rules: list[dict[str, Any]] = field(default_factory=list)
    approval_required: bool = False
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[tuple[str, Any]] = field(default_factory=list)
    accounts: list[dict[str, Any]] = field(default_factory=list)  # {iban, bic, name}: the default first
    preparation_off: set[str] = field(default_factory=set)

    def invoice(self, document_id: str, *, reviewed: bool = True, **prefill: Any) -> None:
        """A purchase invoice payments knows; only a reviewed one prefills and is listed to pay (issue 15 item 11)."""
        self.invoices[document_id] = {**prefill, "reviewed": reviewed}

    def rule(self, name: str, user_ids: list[str], max_amount: str | None = None) -> dict[str, Any]:
        rule = {"id": str(uuid.uuid4()), "name": name, "user_ids": user_ids, "max_amount": max_amount}
        self.rules.append(rule)
        return rule

    def add(self, dossier_id: str, *, state: str = "draft", amount: str = "100.00", name: str = "Proximus",
            initiated_by: str | None = None, method: str = "sepa", document_id: str | None = None,
            rule_id: str | None = None) -> dict[str, Any]:
        p = {"id": str(uuid.uuid4()), "dossier_id": dossier_id, "document_id": document_id, "method": method,
             "state": state, "amount": amount, "currency": "EUR",
             "creditor": {"name": name, "iban": "BE71096123456769", "bic": "GKCCBEBB"},
             "communication": {"kind": "none", "text": None}, "execution_date": "2026-03-10",
             "initiated_by": initiated_by, "rule_id": rule_id, "approvals": [], "sepa_file_id": None,
             "executed_at": None, "debtor": None}
        self.payments[p["id"]] = p
        return p


def _unprefilled(prefill: dict[str, Any] | None) -> dict[str, tuple[str, str]]:
    if prefill is None:
        return {"document_id": ("document_unknown", "no purchase invoice known")}
    return {} if prefill["reviewed"] else {"document_id": ("document_not_reviewed", "the invoice is not reviewed yet")}


def _new_payment(fake: FakePayments, dossier_id: str, user_id: str, body: dict[str, Any]) -> dict | JSONResponse:
    prefill = fake.invoices.get(str(body.get("document_id"))) if body.get("document_id") else None
    if body.get("document_id") and not body.get("amount") and (missing := _unprefilled(prefill)):
        return error(422, "validation_error", "invalid payment", missing)
    prefill = prefill if prefill and prefill["reviewed"] else None
    paying = [p for p in fake.payments.values() if body.get("document_id") and p["document_id"] == body["document_id"]
              and p["state"] != "cancelled"]
    if paying:
        return error(409, "conflict", f"document {body['document_id']} already has a payment",
                     reason="document_paid", params={"payment_id": paying[0]["id"], "state": paying[0]["state"]})
    creditor = {**(prefill or {}).get("creditor", {}), **{k: v for k, v in (body.get("creditor") or {}).items() if v}}
    amount = body.get("amount") or (prefill or {}).get("amount")
    problems = _account_problems("creditor", creditor.get("name"), creditor.get("iban"))
    try:
        if Decimal(str(amount)) <= 0:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        problems["amount"] = ("amount_format", "must be a decimal amount in EUR such as '123.45'")
    when = body.get("execution_date")
    if when and not "2026-01-01" <= when <= "2027-12-31":  # the real one: today .. a year ahead
        problems["execution_date"] = (("date_in_past", "before today", {"earliest": "2026-01-01"}) if when < "2026"
                                      else ("date_too_far", "too far", {"latest": "2027-12-31"}))
    if problems:
        return error(422, "validation_error", "invalid payment", problems)
    p = fake.add(dossier_id, amount=str(amount), name=creditor["name"], initiated_by=user_id,
                 method=body.get("method") or "sepa", document_id=body.get("document_id"))
    p["creditor"].update(iban=creditor["iban"], bic=creditor.get("bic"))
    p["communication"] = body.get("communication") or (prefill or {}).get("communication") or p["communication"]
    p["execution_date"] = body.get("execution_date") or (prefill or {}).get("execution_date")
    debtor = (body.get("debtor") or {}).get("iban") or (fake.accounts[0]["iban"] if fake.accounts else None)
    p["debtor"] = {"iban": debtor, "name": "Dossier", "bic": None} if debtor and p["method"] == "sepa" else None
    return p


def build_fake_payments(fake: FakePayments) -> FastAPI:
    """The fake payments service as an ASGI app (tests reach it through httpx.ASGITransport)."""
    app, office = FastAPI(), fake.office

    def who(request: Request, dossier_id: str, action: str):
        user, refused = caller(office, request, dossier_id, action)
        return (user.id if user else None), refused

    def reach(request: Request, dossier_id: str, payment_id: str, action: str):
        user_id, refused = who(request, dossier_id, action)
        p = fake.payments.get(payment_id)
        if not refused and (p is None or p["dossier_id"] != dossier_id):
            refused = error(404, "not_found", "no such payment in this dossier")
        return user_id, p, refused

    async def body_of(request: Request) -> dict[str, Any]:
        body = await request.json() if await request.body() else {}
        fake.calls.append((request.url.path, body))
        return body

    @app.post("/dossiers/{dossier_id}/payments")
    async def create(dossier_id: str, request: Request) -> Response:
        user_id, refused = who(request, dossier_id, "payment.create")
        if refused:
            user_id, refused = who(request, dossier_id, "payment.prepare")
            if not refused and dossier_id in fake.preparation_off:
                refused = error(403, "forbidden", "the office may not prepare payments on this dossier")
        if refused:
            return refused
        made = _new_payment(fake, dossier_id, user_id, await body_of(request))
        return made if isinstance(made, Response) else JSONResponse(made, status_code=201)

    @app.get("/dossiers/{dossier_id}/payments")
    async def listing(dossier_id: str, request: Request, state: str | None = None) -> Response:
        _, refused = who(request, dossier_id, "payment.view")
        return refused or JSONResponse({"payments": [p for p in reversed(fake.payments.values())
                                                     if p["dossier_id"] == dossier_id and state in (None, p["state"])]})

    @app.get("/dossiers/{dossier_id}/payments/{payment_id}")
    async def one(dossier_id: str, payment_id: str, request: Request) -> Response:
        _, p, refused = reach(request, dossier_id, payment_id, "payment.view")
        return refused or JSONResponse(p)

    needs = {"request-approval": ("payment.create", ("draft",)), "approve": ("payment.approve", ("to_approve",)),
             "cancel": ("payment.create", OPEN), "paid-by-qr": ("payment.execute", ("to_execute",))}

    async def act(dossier_id: str, payment_id: str, request: Request) -> Response:
        action = request.url.path.rsplit("/", 1)[1]
        user_id, p, refused = reach(request, dossier_id, payment_id, needs[action][0])
        if refused:
            return refused
        body = await body_of(request)
        if action == "approve" and p["rule_id"] is None:  # the real one looks the rule up first
            return error(422, "validation_error", "invalid", {"rule_id": (
                "rule_unknown", "the payment waits under no (or a deleted) rule: request approval again")})
        if p["state"] not in needs[action][1]:
            return error(409, "conflict", f"cannot {action} a payment in state {p['state']}", reason="wrong_state",
                         params={"state": p["state"]})
        if action == "request-approval":
            if fake.approval_required and not any(r["id"] == body.get("rule_id") for r in fake.rules):
                return error(422, "validation_error", "invalid", {"rule_id": "approval is required: choose a rule"})
            p.update(state="to_approve" if fake.approval_required else "to_execute", rule_id=body.get("rule_id"))
        elif action == "approve":
            p["approvals"].append({"user_id": user_id, "approved_at": "2026-03-01T10:00:00Z"})
            p["state"] = "to_execute"
        else:
            p["state"] = "cancelled" if action == "cancel" else "executed"
        return JSONResponse(p)

    for action in needs:  # one route per transition, as the real payments has (not a template)
        app.post(f"/dossiers/{{dossier_id}}/payments/{{payment_id}}/{action}")(act)

    @app.get("/dossiers/{dossier_id}/payments/{payment_id}/epc-qr.svg")
    async def qr(dossier_id: str, payment_id: str, request: Request) -> Response:
        _, p, refused = reach(request, dossier_id, payment_id, "payment.execute")
        return refused or Response(SVG, media_type="image/svg+xml")

    @app.get("/dossiers/{dossier_id}/payable-documents")
    async def payable(dossier_id: str, request: Request) -> Response:
        _, refused = who(request, dossier_id, "payment.view")
        paying = {p["document_id"] for p in fake.payments.values() if p["state"] != "cancelled"}
        return refused or JSONResponse({"items": [
            {"document_id": d, "proposal_id": None, "counterparty_name": i.get("creditor", {}).get("name"),
             "iban": i.get("creditor", {}).get("iban"), "amount": i.get("amount"), "currency": "EUR",
             "payment_reference": (i.get("communication") or {}).get("text"), "invoice_number": i.get("invoice_number"),
             "invoice_date": i.get("invoice_date"), "due_date": i.get("due_date")}
            for d, i in fake.invoices.items() if i["reviewed"] and d not in paying]})

    @app.get("/dossiers/{dossier_id}/debtor-accounts")
    async def debtor_accounts(dossier_id: str, request: Request) -> Response:
        _, refused = who(request, dossier_id, "payment.view")
        return refused or JSONResponse({"accounts": [{"source": "bank_statement", "last_used_at": None, **a,
                                                      "default": n == 0} for n, a in enumerate(fake.accounts)],
                                        "default": fake.accounts[0]["iban"] if fake.accounts else None,
                                        "holder": "Dossier"})

    @app.get("/dossiers/{dossier_id}/documents/{document_id}/payment-status")
    async def status(dossier_id: str, document_id: str, request: Request) -> Response:
        _, refused = who(request, dossier_id, "payment.view")
        paying = [p for p in fake.payments.values() if p["dossier_id"] == dossier_id
                  and p["document_id"] == document_id and p["state"] != "cancelled"]
        return refused or JSONResponse({"document_id": document_id, "payment": paying[0] if paying else None,
                                        "payment_in_progress": bool(paying), "paid_in_accounting": False,
                                        "executed": bool(paying) and paying[0]["state"] == "executed",
                                        "payable": document_id in fake.invoices})

    @app.get("/dossiers/{dossier_id}/approval-rules")
    async def rules(dossier_id: str, request: Request) -> Response:
        _, refused = who(request, dossier_id, "payment.view")
        return refused or JSONResponse({"approval_required": fake.approval_required, "rules": fake.rules})

    def selection(dossier_id: str, ids: list[str]) -> list[dict[str, Any]] | JSONResponse:
        """As the real one: none is 422, another dossier's or unknown 404, not an approved SEPA payment 409."""
        chosen = [fake.payments.get(i) for i in ids]
        if not ids:
            return error(422, "validation_error", "invalid", {"payment_ids": ("selection_empty", "select one")})
        if any(p is None or p["dossier_id"] != dossier_id for p in chosen):
            return error(404, "not_found", "no such payments in this dossier", reason="not_found", params={})
        if any(p["state"] != "to_execute" or p["method"] != "sepa" for p in chosen):
            return error(409, "conflict", "only approved SEPA payments (to_execute) go in a file",
                         reason="not_in_file", params={})
        return chosen  # type: ignore[return-value]

    @app.post("/dossiers/{dossier_id}/sepa-files/preview")
    async def preview(dossier_id: str, request: Request) -> Response:
        _, refused = who(request, dossier_id, "payment.execute")
        chosen = refused or selection(dossier_id, (await request.json())["payment_ids"])
        if isinstance(chosen, Response):
            return chosen
        return JSONResponse({"count": len(chosen), "total": str(sum(Decimal(p["amount"]) for p in chosen)),
                             "currency": "EUR"})

    @app.post("/dossiers/{dossier_id}/sepa-files")
    async def create_file(dossier_id: str, request: Request) -> Response:
        user_id, refused = who(request, dossier_id, "payment.execute")
        body = {} if refused else await body_of(request)
        chosen = refused or selection(dossier_id, body["payment_ids"])
        if isinstance(chosen, Response):
            return chosen
        debtor = dict(body.get("debtor") or {})
        known = next((a for a in fake.accounts if a["iban"] == (debtor.get("iban") or fake.accounts[0]["iban"])),
                     None) if fake.accounts else None
        if known and not debtor.get("name"):  # an IBAN alone (or none): the dossier's account (or its default)
            debtor = {**debtor, "iban": known["iban"], "name": known.get("name") or "Dossier"}
        if problems := _account_problems("debtor", debtor.get("name"), debtor.get("iban")):
            return error(422, "validation_error", "invalid file", problems)
        file_id = str(uuid.uuid4())
        xml = f'<?xml version="1.0" encoding="UTF-8"?><Document><MsgId>{file_id.replace("-", "")}</MsgId></Document>'
        fake.files[file_id] = {"id": file_id, "dossier_id": dossier_id, "debtor_name": debtor["name"],
                               "debtor_iban": debtor["iban"], "count": len(chosen), "created_by": user_id,
                               "total": str(sum(Decimal(p["amount"]) for p in chosen)), "payment_ids": body["payment_ids"],
                               "created_at": "2026-03-01T10:00:00+00:00", "xml": xml.encode(), "currency": "EUR",
                               "sha256": hashlib.sha256(xml.encode()).hexdigest(), "size": len(xml.encode())}
        for p in chosen:
            p.update(state="executed", sepa_file_id=file_id)
        return JSONResponse({k: v for k, v in fake.files[file_id].items() if k != "xml"}, status_code=201)

    @app.get("/dossiers/{dossier_id}/sepa-files")
    async def files(dossier_id: str, request: Request) -> Response:
        _, refused = who(request, dossier_id, "payment.view")
        return refused or JSONResponse({"files": [{k: v for k, v in f.items() if k != "xml"}
                                                  for f in fake.files.values() if f["dossier_id"] == dossier_id]})

    @app.get("/dossiers/{dossier_id}/sepa-files/{file_id}/xml")
    async def xml(dossier_id: str, file_id: str, request: Request) -> Response:
        _, refused = who(request, dossier_id, "payment.execute")
        f = fake.files.get(file_id)
        if refused or f is None or f["dossier_id"] != dossier_id:
            return refused or error(404, "not_found", "no such file")
        return Response(f["xml"], media_type="application/xml",
                        headers={"content-disposition": f'attachment; filename="sepa-{file_id[:8]}.xml"'})

    return app
