"""The office's synchronisation screen of a dossier (SYN-4, SYN-5, ACT-2, SYN-8): status and instruction, a manual
sync with "updated up to", the sent-counter reset, the client e-mail and a new active period, a full resync (admins,
confirmed), the list of runs, and the account changes a sync found to review and accept with the journals made at
activation. The sync-connector checks the matrix again and runs the sync asynchronously."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Response

from portal import i18n
from portal.i18n import N_
from portal.adapters.service_errors import ServiceCallError
from portal.adapters.sync import SyncClient
from portal.domain import sync_view as sv
from portal.domain.monitor_view import SYNC_STATUS
from portal.entrypoints.http.dossier_tabs import dossier_context
from portal.entrypoints.http.feedback import field_errors
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.report_nav import need
from portal.entrypoints.http.web import PageRoute, forbidden, redirect

router = APIRouter(route_class=PageRoute)
ACCEPTED = N_("The account changes you picked are accepted.")
NOTICES = {"sync_requested": sv.REQUESTED, "changes_accepted": ACCEPTED}


def sync_for(user: User) -> SyncClient:
    return SyncClient(user.portal.services["sync-connector"], user.api.session.tokens.access)


async def _page(user: User, dossier_id: str, *, status: int = 200, errors: dict[str, str] | None = None,
                form_error: str | None = None, values: dict[str, Any] | None = None, notice: str | None = None
                ) -> Response:
    if not user.is_collaborator:
        raise forbidden()
    need(user, "sync.view", dossier_id)
    state = await sync_for(user).status(dossier_id)
    may_review = user.may("sync.changes.review", dossier_id)
    review = await sync_for(user).account_changes(dossier_id) if may_review else None
    return user.page("sync.html", status=status, dossier_id=dossier_id, state=state, sv=sv, sync_status=SYNC_STATUS,
                     review=review, may_review=may_review,
                     periods=sv.period_choices(state.get("periods") or [], state.get("active_period")),
                     may_run=user.may("sync.run", dossier_id), may_full=user.may("sync.full", dossier_id),
                     errors=errors or {}, form_error=form_error, values=values or {},
                     notice=_said(user, notice) if notice else None,
                     **await dossier_context(user, dossier_id))


def _said(user: User, text: str) -> str:
    with i18n.activate(user.language):
        return i18n.gettext_(text)


@router.get("/dossiers/{dossier_id}/sync")
async def sync_page(dossier_id: str, notice: str = "", user: User = Depends(current_user)) -> Response:
    """ACT-2: the link, the status with its instruction, the forms the user may use, the last runs."""
    return await _page(user, dossier_id, notice=NOTICES.get(notice))


async def _ask(user: User, dossier_id: str, body: dict[str, Any]) -> Response:
    try:
        await sync_for(user).request(dossier_id, body)
    except ServiceCallError as exc:
        errors, general = field_errors(exc, (*sv.MANUAL_FIELDS, "reason"), user.language)
        return await _page(user, dossier_id, status=exc.status, errors=errors, form_error=general,
                           values={k: user.form.get(k) for k in sv.MANUAL_FIELDS})
    return redirect(user.request, f"/dossiers/{dossier_id}/sync?notice=sync_requested")


@router.post("/dossiers/{dossier_id}/sync")
async def manual_sync(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """SYN-4: a manual sync with the form's options."""
    need(user, "sync.run", dossier_id)
    return await _ask(user, dossier_id, sv.manual_request({k: user.form.get(k) for k in sv.MANUAL_FIELDS}))


@router.post("/dossiers/{dossier_id}/sync/full")
async def full_sync(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """SYN-5: a full resync, for admins, only with the confirmation ticked (422 on the page otherwise)."""
    need(user, "sync.full", dossier_id)
    if user.form.get("confirm") != "yes":
        message = _said(user, sv.CONFIRM)
        return await _page(user, dossier_id, status=422, errors={"confirm": message}, form_error=message)
    return await _ask(user, dossier_id, sv.full_request({"notify_client": user.form.get("notify_client")}))


@router.post("/dossiers/{dossier_id}/sync/account-changes")
async def accept_account_changes(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """SYN-8: accept the account changes ticked in the list; none ticked or one no longer waiting: 422 on the page."""
    need(user, "sync.changes.review", dossier_id)
    try:
        await sync_for(user).accept_changes(dossier_id, user.form.getlist("change_id")[:500])
    except ServiceCallError as exc:
        errors, general = field_errors(exc, ("change_ids",), user.language)
        return await _page(user, dossier_id, status=exc.status, errors=errors,
                           form_error=general or errors.get("change_ids"))
    return redirect(user.request, f"/dossiers/{dossier_id}/sync?notice=changes_accepted")
