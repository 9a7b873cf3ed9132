"""The worklists (WL-1..4, WL-10): purchase, sales and misc lists with filters, 3-state sorting, the WL-2
columns and bulk actions on a selection (send, check, change type / journal / period, delete)."""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Response

from portal.adapters.service_errors import ServiceCallError
from portal.adapters.worklist import WorklistClient
from portal.domain import worklist_view as wv
from portal.entrypoints.http.dossier_tabs import dossier_page
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.web import PageRoute, forbidden, redirect

router = APIRouter(route_class=PageRoute)
MAX_CONFIRM = 200  # a worklist page at most
BULK = {"check": "worklist.validate", "send": "proposal.send", "change": "worklist.edit", "delete": "proposal.delete",
        "reprocess": "worklist.reprocess"}


def worklist_for(user: User) -> WorklistClient:
    """The worklist on behalf of the user (their current access token)."""
    return WorklistClient(user.portal.services["worklist"], user.api.session.tokens.access)


def need(user: User, action: str, dossier_id: str) -> None:
    if not user.may(action, dossier_id):
        raise forbidden()


def allowed(user: User, dossier_id: str) -> dict[str, bool]:
    """What the user may do on this dossier's worklist (buttons shown; the worklist checks again)."""
    return {"edit": user.may("worklist.edit", dossier_id), "validate": user.may("worklist.validate", dossier_id),
            "send": user.may("proposal.send", dossier_id), "delete": user.may("proposal.delete", dossier_id),
            "help": user.may("worklist.help", dossier_id), "file": user.may("worklist.misc_file", dossier_id),
            "reprocess": user.may("worklist.reprocess", dossier_id), "manual": user.may("worklist.manual", dossier_id)}


@router.get("/dossiers/{dossier_id}/worklist")
async def worklist_page(dossier_id: str, list: str = "purchases", page: int = 1,
                        user: User = Depends(current_user)) -> Response:
    """WL-1: one list, filtered and sorted as the query says; j/k and o open its documents (WL-9)."""
    need(user, "worklist.view", dossier_id)
    kind = wv.list_key(list)
    state = wv.query_state(user.request.query_params)
    client = worklist_for(user)
    listing = await client.rows(dossier_id, kind, page=max(page, 1), **state)
    may = allowed(user, dossier_id)
    choices = await client.choices(dossier_id) if may["edit"] else {}
    types = await _misc_types(user, dossier_id) if kind == "misc" and may["file"] else []
    return await dossier_page(user, "worklist.html", dossier_id, kind=kind, state=state, listing=listing,
                              wv=wv, may=may, choices=choices, misc_types=types,
                              result=wv.bulk_result(user.request.query_params))


@router.post("/dossiers/{dossier_id}/worklist/actions")
async def bulk_action(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """WL-4: one action on the selected proposals; what was done and what was refused come back as a notice."""
    form = user.form
    action, ids, kind = form.get("action"), form.getlist("ids"), wv.list_key(form.get("list"))
    back_query = form.get("back") or f"list={kind}"
    if action not in BULK:
        return redirect(user.request, f"/dossiers/{dossier_id}/worklist?{back_query}")
    need(user, BULK[action], dossier_id)
    back = f"/dossiers/{dossier_id}/worklist?{back_query}"
    if not ids:
        return redirect(user.request, f"{back}&{urlencode({'done_action': action, 'done': 0})}")
    if action == "delete" and form.get("confirmed") != "1":
        return await _confirm_delete(user, dossier_id, ids, kind, back_query)
    extra = {}
    if action == "change":
        extra = {"mailbox": form.get("mailbox"), "journal": form.get("journal"), "period": form.get("period")}
    answer = await worklist_for(user).bulk(dossier_id, action, ids, **extra)
    refused = answer.get("refused") or []
    codes = sorted({str(r.get("code")) for r in refused if str(r.get("code")) in wv.REFUSALS})
    result = {"done_action": action, "done": len(answer.get("done") or ()), "refused": len(refused),
              "why": ",".join(codes)}
    return redirect(user.request, f"{back}&{urlencode(result)}")


async def _confirm_delete(user: User, dossier_id: str, ids: list[str], kind: str, back_query: str) -> Response:
    """Issue 15 item 4: the proposals a deletion takes away, named before it happens, and that a booked one's
    booking goes too; the deletion happens when this page's form is sent."""
    client, items = worklist_for(user), []
    for proposal_id in list(dict.fromkeys(ids))[:MAX_CONFIRM]:
        try:
            items.append(await client.proposal(dossier_id, proposal_id))
        except ServiceCallError as exc:
            if exc.status != 404:
                raise
            continue  # gone meanwhile: nothing to delete
    booked = sum(1 for p in items if p.get("status") == "booked")
    return await dossier_page(user, "worklist_delete.html", dossier_id, kind=kind, back=back_query, items=items,
                              booked=booked, wv=wv)


async def _misc_types(user: User, dossier_id: str) -> list[str]:
    """WL-12: the dossier's permanent-dossier types (codes) a misc document is filed under."""
    settings = await user.api.get(f"/dossiers/{dossier_id}/settings")
    return [t.get("code", "") if isinstance(t, dict) else str(t)
            for t in (settings.get("effective") or {}).get("permanent_dossier_types") or ()]


@router.post("/dossiers/{dossier_id}/worklist/{proposal_id}/file")
async def file_misc(dossier_id: str, proposal_id: str, user: User = Depends(current_user)) -> Response:
    """WL-12: file a misc document into the permanent dossier under a type (empty type: back to "to file")."""
    need(user, "worklist.misc_file", dossier_id)
    kind = user.form.get("type")
    path = f"/dossiers/{dossier_id}/proposals/{proposal_id}/" + ("file" if kind else "unfile")
    await worklist_for(user).call("POST", path, json={"type": kind} if kind else None)
    back = user.form.get("back") or "list=misc"
    return redirect(user.request, f"/dossiers/{dossier_id}/worklist?{back}")
