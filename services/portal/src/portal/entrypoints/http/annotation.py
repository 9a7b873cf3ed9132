"""The annotation screen (WL-5..10): the document's pages with its recognised words, the proposal's fields,
save / save-and-back / save-and-next / previous / undo / delete, help needed, and the page images."""
from __future__ import annotations

import logging
from typing import Any

from contracts.envelope import ContractError
from fastapi import APIRouter, Depends, Response

from portal.adapters.ingest import IngestClient
from portal.adapters.service_errors import ServiceCallError
from portal.adapters.page_images import NotRenderable, render_page
from portal.adapters.words import Word, parse_words
from portal.adapters.worklist import WorklistClient, refusals
from portal.domain import annotation_form as af
from portal.domain import payment_view as pv
from portal.domain import worklist_view as wv
from portal.entrypoints.http.dossier_tabs import dossier_page
from portal.entrypoints.http.files import file_response
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.web import PageError, PageRoute, forbidden, redirect
from portal.entrypoints.http.worklist_pages import allowed, need, worklist_for
from portal.i18n import N_

log = logging.getLogger(__name__)
router = APIRouter(route_class=PageRoute)
THEN = ("save", "back", "next", "previous")
MESSAGES = {
    "stale_version": N_("Someone saved this proposal in the meantime. Reload it to see their changes; yours are below."),
    "incomplete": N_("Mandatory fields are missing (framed red). Nothing was saved."),
    "invalid": N_("Some values are not accepted (see the fields). Nothing was saved."),
    "local": N_("Some values are not numbers or sums of numbers. Nothing was saved."),
    "wrong_status": N_("This is not possible in the proposal's current status."),
    "vat_without_code": N_("A line with a VAT amount needs its VAT code (framed red): the accounting software would "
                           "book it without VAT. Nothing was saved."),
    "nothing_to_undo": N_("There is nothing to undo."),
    "no_question": N_("Write the question for the client first."),
}
NOTICES = {"asked": N_("Your question is on its way to the client, with the document attached.")}


def _list_query(user: User, kind: str | None = None) -> dict[str, str]:
    """The list the user came from (list, filters, sort): next / previous and "back" follow it."""
    params = user.request.query_params
    state = wv.query_state(params)
    state["list"] = wv.list_key(kind or params.get("list"))
    return state


async def _words(client: WorklistClient, dossier_id: str, proposal_id: str) -> dict[int, list[Word]]:
    """The overlay's words per page; none when the worklist has none or sends a malformed object (logged)."""
    payload = await client.words(dossier_id, proposal_id)
    try:
        return parse_words(payload) if payload is not None else {}
    except ContractError as exc:
        log.warning("proposal %s: words overlay left out: %s", proposal_id, exc)
        return {}


def _urls(dossier_id: str, query: dict[str, str]) -> tuple[str, str]:
    """(list URL, URL prefix of a proposal) keeping the list query."""
    qs = wv.query_string(query)
    return f"/dossiers/{dossier_id}/worklist?{qs}", f"/dossiers/{dossier_id}/worklist/{{}}?{qs}"


async def _render(user: User, client: WorklistClient, dossier_id: str, proposal: dict[str, Any], values: af.Values,
                  *, query: dict[str, str], errors: dict[str, str] | None = None, message: str | None = None,
                  status: int = 200) -> Response:
    proposal_id = str(proposal["id"])
    choices = await client.choices(dossier_id)
    neighbours = await client.neighbours(dossier_id, proposal_id, **query)
    words = await _words(client, dossier_id, proposal_id) if proposal.get("words_key") else {}
    back_url, item_url = _urls(dossier_id, query)
    # whoever may see the worklist may see its documents: ingest serves worklist readers (e.g. SUPPORT) the
    # documents sent into processing, never the mailboxes
    pages = list(range(1, (proposal.get("page_count") or 0) + 1))
    missing = set(proposal.get("missing") or ()) | set(af.missing_of(values))
    notice = NOTICES.get(user.request.query_params.get("notice", ""))
    return await dossier_page(user, "annotation.html", dossier_id, status=status, p=proposal, v=values,
                              notice=notice,
                              may_ask=user.is_collaborator and user.may("conversation.start", dossier_id),
                              may_prepare=pv.preparable(proposal) and (user.may("payment.prepare", dossier_id)
                                                                       or user.may("payment.create", dossier_id)),
                              choices=choices, neighbours=neighbours, pages=pages, words=words, back_url=back_url,
                              item_url=item_url, query=wv.query_string(query), errors=errors or {}, message=message,
                              missing=missing, may=allowed(user, dossier_id), wv=wv, af=af,
                              instructions=[s for s in choices.get("schema") or () if s.get("extra_info")])


@router.get("/dossiers/{dossier_id}/worklist/{proposal_id}")
async def annotation_page(dossier_id: str, proposal_id: str, user: User = Depends(current_user)) -> Response:
    need(user, "worklist.view", dossier_id)
    client = worklist_for(user)
    proposal = await client.proposal(dossier_id, proposal_id)
    return await _render(user, client, dossier_id, proposal, af.values_of(proposal), query=_list_query(user))


async def _resolve_counterparty(client: WorklistClient, dossier_id: str, values: af.Values,
                                original: af.Values) -> None:
    """WL-7: a typed name or VAT number of a known counterparty becomes that counterparty's reference."""
    name, vat = values.get("counterparty.name"), values.get("counterparty.vat_number")
    if (name, vat) == (original.get("counterparty.name"), original.get("counterparty.vat_number")) or not (name or vat):
        return
    for known in await client.counterparties(dossier_id, vat or name):
        same_vat = vat and (known.get("vat_number") or "").replace(" ", "").upper() == vat.replace(" ", "").upper()
        same_name = name and (known.get("name") or "").strip().casefold() == name.strip().casefold()
        if known.get("reference") and (same_vat or same_name):
            values.fields["counterparty.reference"] = str(known["reference"])
            return
    values.fields["counterparty.reference"] = ""


@router.post("/dossiers/{dossier_id}/worklist/{proposal_id}")
async def save(dossier_id: str, proposal_id: str, user: User = Depends(current_user)) -> Response:
    """Save the form; ``then`` = save (stay), back (process and back), next (process and next), previous."""
    need(user, "worklist.edit", dossier_id)
    then = user.form.get("then") if user.form.get("then") in THEN else "save"
    query = _list_query(user)
    client = worklist_for(user)
    proposal = await client.proposal(dossier_id, proposal_id)
    if not proposal.get("editable", True) and then != "save":  # sent or booked: only moving on
        return await _move_on(user, client, dossier_id, proposal_id, then, query)
    original, values = af.values_of(proposal), af.values_from_form(user.form)
    await _resolve_counterparty(client, dossier_id, values, original)
    review = then in ("back", "next") and user.may("worklist.validate", dossier_id)
    edit, errors = af.edit_of(values, original, review=review)
    if errors:
        return await _render(user, client, dossier_id, proposal, values, query=query, errors=errors,
                             message=MESSAGES["local"], status=422)
    try:
        answer = await client.save(dossier_id, proposal_id, edit, **query)
    except ServiceCallError as exc:
        if exc.status not in (409, 422):
            raise
        return await _render(user, client, dossier_id, proposal, values, query=query, errors=refusals(exc, user.language),
                             message=MESSAGES.get(exc.code, exc.message), status=exc.status)
    back_url, item_url = _urls(dossier_id, query)
    target = {"back": back_url, "next": answer.get("next_id"), "previous": answer.get("previous_id"),
              "save": proposal_id}[then]
    if target is None or then == "back":
        return redirect(user.request, back_url)
    return redirect(user.request, item_url.format(target))


async def _move_on(user: User, client: WorklistClient, dossier_id: str, proposal_id: str, then: str,
                   query: dict[str, str]) -> Response:
    back_url, item_url = _urls(dossier_id, query)
    neighbours = await client.neighbours(dossier_id, proposal_id, **query)
    target = {"next": neighbours.get("next_id"), "previous": neighbours.get("previous_id")}.get(then)
    return redirect(user.request, item_url.format(target) if target else back_url)


@router.post("/dossiers/{dossier_id}/worklist/{proposal_id}/delete")
async def delete(dossier_id: str, proposal_id: str, user: User = Depends(current_user)) -> Response:
    """WL-6 / Alt+Delete: delete the proposal, then on to the next one of the list (or back to the list)."""
    need(user, "proposal.delete", dossier_id)
    query = _list_query(user)
    client = worklist_for(user)
    neighbours = await client.neighbours(dossier_id, proposal_id, **query)
    await client.delete(dossier_id, proposal_id)
    back_url, item_url = _urls(dossier_id, query)
    following = neighbours.get("next_id") or neighbours.get("previous_id")
    return redirect(user.request, item_url.format(following) if following else back_url)


@router.post("/dossiers/{dossier_id}/worklist/{proposal_id}/undo")
async def undo(dossier_id: str, proposal_id: str, user: User = Depends(current_user)) -> Response:
    need(user, "worklist.edit", dossier_id)
    query = _list_query(user)
    client = worklist_for(user)
    try:
        await client.undo(dossier_id, proposal_id)
    except ServiceCallError as exc:
        if exc.status != 409:
            raise
        proposal = await client.proposal(dossier_id, proposal_id)
        return await _render(user, client, dossier_id, proposal, af.values_of(proposal), query=query,
                             message=MESSAGES.get(exc.code, exc.message), status=409)
    return redirect(user.request, _urls(dossier_id, query)[1].format(proposal_id))


@router.post("/dossiers/{dossier_id}/worklist/{proposal_id}/ask")
async def ask_client(dossier_id: str, proposal_id: str, user: User = Depends(current_user)) -> Response:
    """WL-6: a question to the client about this document (a conversation with the document attached)."""
    if not user.is_collaborator:
        raise forbidden()
    need(user, "conversation.start", dossier_id)
    query = _list_query(user)
    client = worklist_for(user)
    question = user.form.get("question")[:2000]
    if not question:
        proposal = await client.proposal(dossier_id, proposal_id)
        return await _render(user, client, dossier_id, proposal, af.values_of(proposal), query=query,
                             errors={"question": MESSAGES["no_question"]}, message=MESSAGES["no_question"], status=422)
    try:
        await client.call("POST", f"/dossiers/{dossier_id}/proposals/{proposal_id}/ask-client",
                          json={"question": question})
    except ServiceCallError as exc:
        if exc.status not in (409, 422):
            raise
        proposal = await client.proposal(dossier_id, proposal_id)
        return await _render(user, client, dossier_id, proposal, af.values_of(proposal), query=query,
                             errors={"question": exc.message}, message=exc.message, status=exc.status)
    return redirect(user.request, _urls(dossier_id, {**query, "notice": "asked"})[1].format(proposal_id))


@router.post("/dossiers/{dossier_id}/worklist/{proposal_id}/help")
async def help_needed(dossier_id: str, proposal_id: str, user: User = Depends(current_user)) -> Response:
    """WL-10: set or clear "help needed" with an optional note."""
    need(user, "worklist.help", dossier_id)
    await worklist_for(user).help(dossier_id, proposal_id, user.form.get("needed") == "true", user.form.get("note"))
    return redirect(user.request, _urls(dossier_id, _list_query(user))[1].format(proposal_id))


@router.get("/dossiers/{dossier_id}/worklist/{proposal_id}/pages/{page}.png")
async def page_image(dossier_id: str, proposal_id: str, page: int, user: User = Depends(current_user)) -> Response:
    """One page of the proposal's document, large enough to read (ingest decides whether the user may see it)."""
    need(user, "worklist.view", dossier_id)
    proposal = await worklist_for(user).proposal(dossier_id, proposal_id)
    ingest = IngestClient(user.portal.services["ingest"], user.api.session.tokens.access)
    got = await ingest.call("GET", f"/dossiers/{dossier_id}/documents/{proposal['document_id']}/content", raw=True)
    try:
        image = await render_page(got.content, page)
    except NotRenderable as exc:
        raise PageError(404, N_("Not found"), N_("This page cannot be shown.")) from exc
    return file_response(image, "image/png", cache="private, max-age=3600")


@router.get("/dossiers/{dossier_id}/worklist/{proposal_id}/document")
async def open_document(dossier_id: str, proposal_id: str, user: User = Depends(current_user)) -> Response:
    """WL-5: the document itself, to open in a new window (PDF, or the UBL XML)."""
    need(user, "worklist.view", dossier_id)
    proposal = await worklist_for(user).proposal(dossier_id, proposal_id)
    ingest = IngestClient(user.portal.services["ingest"], user.api.session.tokens.access)
    got = await ingest.call("GET", f"/dossiers/{dossier_id}/documents/{proposal['document_id']}/content", raw=True)
    # only a PDF is shown as itself; anything else (UBL XML) as plain text, so nothing in it runs on this site
    pdf = got.content.startswith(b"%PDF")
    return file_response(got.content, "application/pdf" if pdf else "text/plain; charset=utf-8", disposition="inline")


@router.get("/dossiers/{dossier_id}/worklist/{proposal_id}/searchable.pdf")
async def searchable_pdf(dossier_id: str, proposal_id: str, user: User = Depends(current_user)) -> Response:
    """REC-1 (issue 19 item 5): the scan's PDF with the OCR text layer, as the worklist keeps it, to download."""
    need(user, "worklist.view", dossier_id)
    got = await worklist_for(user).call("GET", f"/dossiers/{dossier_id}/proposals/{proposal_id}/searchable-pdf",
                                        raw=True)
    if not got.content.startswith(b"%PDF"):
        raise PageError(502, N_("Not found"), N_("This page cannot be shown."))
    return file_response(got.content, "application/pdf", disposition='attachment; filename="searchable.pdf"')


@router.get("/dossiers/{dossier_id}/worklist/{proposal_id}/counterparties")
async def counterparty_options(dossier_id: str, proposal_id: str, user: User = Depends(current_user)) -> Response:
    """WL-7: the dossier's counterparties matching what is typed in the name field (the datalist's options)."""
    need(user, "worklist.view", dossier_id)
    q = user.request.query_params.get("counterparty.name", "").strip()
    found = await worklist_for(user).counterparties(dossier_id, q) if len(q) >= 2 else []
    return user.page("partials/counterparty_options.html", counterparties=found)
