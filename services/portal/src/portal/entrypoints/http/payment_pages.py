"""A dossier's payments (PAY-1, PAY-2, PAY-4, PAY-8, PAY-9, PAY-10): the lists by state, the payment form (prefilled
from a purchase invoice, or by the office from a purchase proposal it processes), one payment with request approval /
approve / cancel, and its EPC QR code with "I paid".
The payments service checks the same matrix on every call; its 409 and 422 come back on the page."""
from __future__ import annotations

import base64
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Response

from portal.adapters.payments import PaymentsError
from portal.adapters.service_errors import ServiceCallError
from portal.domain import payment_view as pv
from portal.entrypoints.http.dossier_tabs import dossier_context
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.payment_nav import MAKE, debtor_accounts, need, paid_document, payments_for
from portal.entrypoints.http.worklist_pages import worklist_for
from portal.entrypoints.http.web import PageError, PageRoute, redirect
from portal.i18n import N_

router = APIRouter(route_class=PageRoute)
ACTIONS = {"request-approval": "payment.create", "approve": "payment.approve", "cancel": "payment.create",
           "paid-by-qr": "payment.execute"}
OPEN = ("draft", "to_approve", "to_execute")


def _user_id(user: User) -> str:
    return str(user.me["user"]["id"])


@router.get("/dossiers/{dossier_id}/payments")
async def payments_page(dossier_id: str, file: str = "", user: User = Depends(current_user)) -> Response:
    """The lists by state (to approve: mine first), the to-execute selection and the SEPA files (PAY-3, PAY-6)."""
    need(user, "payment.view", dossier_id)
    api = payments_for(user)
    every = await api.payments(dossier_id)
    by_state: dict[str, list[dict[str, Any]]] = {s: [] for s in ("draft", "to_approve", "to_execute", "executed")}
    for p in every:
        by_state.setdefault(p["state"], []).append(p)
    mine, others = pv.mine_first(by_state["to_approve"], _user_id(user))
    may_create = user.may("payment.create", dossier_id)
    waiting = await _waiting(user, dossier_id, by_state["to_approve"]) if by_state["to_approve"] else {}
    return user.page("payments.html", dossier_id=dossier_id, lists=by_state, mine=mine, others=others, waiting=waiting,
                     to_pay=await api.payable(dossier_id) if may_create else [],
                     files=await api.files(dossier_id), new_file=file, euros=pv.euros(user.language),
                     may_create=may_create,
                     may_execute=user.may("payment.execute", dossier_id), **await dossier_context(user, dossier_id))


async def approver_names(user: User, dossier_id: str) -> dict[str, str]:
    """The dossier's client users' names by id when the reader may list them (dossier.users.view), and always the
    reader's own."""
    names = {_user_id(user): user.me["user"].get("name") or user.me["user"].get("email") or ""}
    if user.may("dossier.users.view", dossier_id):
        for u in (await user.api.get(f"/dossiers/{dossier_id}/users"))["items"]:
            names[str(u["id"])] = u.get("name") or u.get("email") or ""
    return names


async def _waiting(user: User, dossier_id: str, payments: list[dict[str, Any]],
                   rules: list[dict[str, Any]] | None = None) -> dict[str, list[dict[str, Any]] | None]:
    """PAY-8: who still has to approve each payment, by payment id."""
    rules = rules if rules is not None else (await payments_for(user).rules(dossier_id))["rules"]
    names, me = await approver_names(user, dossier_id), _user_id(user)
    return {str(p["id"]): pv.still_to_approve(p, rules, names, me) for p in payments}


async def _form_page(user: User, dossier_id: str, *, values: dict[str, str], errors: dict[str, str],
                     problems: list[str], payment: dict | None = None, document_id: str | None = None,
                     status: int = 200, note: str = "") -> Response:
    document_id = document_id or (payment or {}).get("document_id")
    return user.page("payment_form.html", dossier_id=dossier_id, values=values, errors=errors, problems=problems,
                     payment=payment, document_id=document_id, kinds=pv.COMMUNICATION_KINDS, note=note,
                     accounts=await debtor_accounts(user, dossier_id),
                     document=await paid_document(user, dossier_id, document_id),
                     **await dossier_context(user, dossier_id), status=status)


async def _refused(user: User, dossier_id: str, exc: ServiceCallError, values: dict[str, str], **form: Any) -> Response:
    """The form again with the service's 422 messages next to their fields, or its 409 on top."""
    if exc.status not in (409, 422):
        raise exc
    errors, problems = pv.field_errors(exc.details, pv.PAYMENT_FIELDS, user.language)
    return await _form_page(user, dossier_id, values=values, errors=errors,
                            problems=problems or ([] if errors else [pv.refusal(exc, user.language)]),
                            status=exc.status, **form)


@router.get("/dossiers/{dossier_id}/payments/new")
async def new_payment(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """PAY-2 by hand: an empty form."""
    need(user, MAKE, dossier_id)
    return await _form_page(user, dossier_id, values={"method": "sepa", "communication_kind": "none"}, errors={},
                            problems=[])


@router.post("/dossiers/{dossier_id}/payments/new")
async def create(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """PAY-1: the Pay button sends only ``document_id`` (the service prefills a draft from the reviewed invoice,
    shown for editing); an invoice not reviewed yet opens the empty form beside its document, saying why
    (issue 15 item 11); the form sends every field (also the office's, preparing a payment, PAY-10)."""
    need(user, MAKE, dossier_id)
    form, api = user.form, payments_for(user)
    document_id = form.get("document_id") or None
    if not form.has("amount"):
        try:
            payment = await api.create(dossier_id, {"document_id": document_id})
        except ServiceCallError as exc:  # not (yet) a reviewed purchase invoice, or already paying: say so on the form
            if exc.status not in (409, 422):
                raise
            errors, problems = pv.field_errors(exc.details, (), user.language)
            fill_in = {d.get("code") for d in exc.details} & pv.FILL_IN
            return await _form_page(user, dossier_id, values={"method": "sepa", "communication_kind": "none"},
                                    errors={}, problems=[] if fill_in else problems or [pv.refusal(exc, user.language)],
                                    note=problems[0] if fill_in else "", document_id=document_id,
                                    status=200 if fill_in else exc.status)
        return redirect(user.request, f"/dossiers/{dossier_id}/payments/{payment['id']}")
    values = {name: form.get(name) for name in pv.PAYMENT_FIELDS}
    try:
        payment = await api.create(dossier_id, pv.payment_body(values, document_id, user.language))
    except ServiceCallError as exc:
        return await _refused(user, dossier_id, exc, values, document_id=document_id)
    return redirect(user.request, f"/dossiers/{dossier_id}/payments/{payment['id']}")


async def _preparation_on(user: User, dossier_id: str) -> bool:
    """The dossier's effective payment_preparation setting (PAY-10); unknown (settings not the reader's): on, and the
    payments service decides."""
    try:
        settings = await user.api.get(f"/dossiers/{dossier_id}/settings")
    except ServiceCallError:
        return True
    return bool((settings.get("effective") or {}).get("payment_preparation", True))


@router.get("/dossiers/{dossier_id}/worklist/{proposal_id}/payment")
async def prepare(dossier_id: str, proposal_id: str, user: User = Depends(current_user)) -> Response:
    """PAY-10: the office prepares the payment of a purchase invoice while processing it — the form prefilled from
    the proposal as it is now (amount, IBAN, communication), beside its document; saved, it is a draft the client
    makes ready under the dossier's approval rules. A document already being paid opens its payment."""
    need(user, MAKE, dossier_id)
    if not user.may("payment.create", dossier_id) and not await _preparation_on(user, dossier_id):
        raise PageError(403, N_("Payment preparation is off"), N_(
            "The office may prepare payments for this dossier once payment preparation is on in its settings."))
    proposal = await worklist_for(user).proposal(dossier_id, proposal_id)
    if not pv.preparable(proposal):
        raise PageError(409, N_("Nothing to pay"), N_("Only a purchase invoice with a total can be paid."))
    document_id = str(proposal["document_id"])
    paying = (await payments_for(user).document_status(dossier_id, document_id)).get("payment")
    if paying and paying.get("state") != "cancelled":
        return redirect(user.request, f"/dossiers/{dossier_id}/payments/{paying['id']}")
    return await _form_page(user, dossier_id, values=pv.proposal_values(proposal, date.today()), errors={},
                            problems=[], document_id=document_id)


async def _payment_page(user: User, dossier_id: str, payment_id: str, *, error: str = "", errors: dict | None = None,
                        values: dict | None = None, status: int = 200) -> Response:
    api = payments_for(user)
    payment = await api.payment(dossier_id, payment_id)
    rules = await api.rules(dossier_id)
    rule = next((r for r in rules["rules"] if str(r["id"]) == str(payment.get("rule_id"))), None)
    me = _user_id(user)
    approved = {str(a["user_id"]) for a in payment.get("approvals") or ()}
    qr = None
    if payment["method"] == "epc_qr" and payment["state"] in ("to_execute", "executed") \
            and user.may("payment.execute", dossier_id):
        qr = base64.b64encode((await api.qr_svg(dossier_id, payment_id)).encode()).decode()
    waiting = (await _waiting(user, dossier_id, [payment], rules["rules"]))[str(payment["id"])] \
        if payment["state"] == "to_approve" else None
    return user.page("payment.html", dossier_id=dossier_id, payment=payment, rules=rules, rule=rule, qr=qr,
                     waiting=waiting,
                     error=error, errors=errors or {}, values=values or pv.form_values(payment),
                     document=await paid_document(user, dossier_id, payment.get("document_id")),
                     euros=pv.euros(user.language), kinds=pv.COMMUNICATION_KINDS, problems=[],
                     accounts=await debtor_accounts(user, dossier_id) if payment["state"] == "draft" else {},
                     may_create=user.may("payment.create", dossier_id),
                     may_approve=payment["state"] == "to_approve" and rule is not None and me not in approved
                     and me in {str(u) for u in rule["user_ids"]} and user.may("payment.approve", dossier_id),
                     may_cancel=payment["state"] in OPEN and user.may("payment.create", dossier_id),
                     **await dossier_context(user, dossier_id), status=status)


@router.get("/dossiers/{dossier_id}/payments/{payment_id}")
async def payment_page(dossier_id: str, payment_id: str, user: User = Depends(current_user)) -> Response:
    need(user, "payment.view", dossier_id)
    return await _payment_page(user, dossier_id, payment_id)


@router.post("/dossiers/{dossier_id}/payments/{payment_id}/edit")
async def edit(dossier_id: str, payment_id: str, user: User = Depends(current_user)) -> Response:
    """PAY-2: the service has no edit call, so a changed draft replaces the old one (cancelled, which frees its
    document) by a new draft with the form's values. When the service refuses the new values the old draft stays
    cancelled and the form comes back; sending it corrected makes the new draft."""
    need(user, "payment.create", dossier_id)
    api, values = payments_for(user), {name: user.form.get(name) for name in pv.PAYMENT_FIELDS}
    old = await api.payment(dossier_id, payment_id)
    try:
        if old["state"] == "draft":
            await api.act(dossier_id, payment_id, "cancel")
        elif old["state"] != "cancelled":  # cancelled: a replacement the service refused, being corrected
            raise PaymentsError(409, "not_a_draft", "Only a draft can be changed; cancel it and make a new payment.")
        payment = await api.create(dossier_id, pv.payment_body(values, old.get("document_id"), user.language))
    except ServiceCallError as exc:
        return await _refused(user, dossier_id, exc, values, payment=old)
    return redirect(user.request, f"/dossiers/{dossier_id}/payments/{payment['id']}")


@router.post("/dossiers/{dossier_id}/payments/{payment_id}/{action}")
async def act(dossier_id: str, payment_id: str, action: str, user: User = Depends(current_user)) -> Response:
    """Request approval under a rule (PAY-9), approve (PAY-8), cancel, or "I paid with my banking app" (PAY-4)."""
    if action not in ACTIONS:
        raise PageError(404, N_("Not found"), N_("This item does not exist or is not yours to see."))
    need(user, ACTIONS[action], dossier_id)
    body = {"rule_id": user.form.get("rule_id") or None} if action == "request-approval" else None
    try:
        await payments_for(user).act(dossier_id, payment_id, action, body)
    except ServiceCallError as exc:
        if exc.status not in (409, 422):
            raise
        errors, problems = pv.field_errors(exc.details, ("rule_id",), user.language)
        return await _payment_page(user, dossier_id, payment_id, error="; ".join(problems) or
                                   ("" if errors else pv.refusal(exc, user.language)), errors=errors,
                                   status=exc.status)
    return redirect(user.request, f"/dossiers/{dossier_id}/payments/{payment_id}")
