"""Bank statements of a dossier (issue 17, REP-5): the files handed in with their state (imported, refused with
the reason, already imported), one file's lines with their match state, the invoices each paid or the
suggestions for what the rules left, and the office matching such a line by hand (``bank.match``): it picks the
open invoices the line pays, suggestions first, and the sync-connector reconciles them in the accounting software.
Upload goes through the documents page's 'bank' mailbox (ingest)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from portal.adapters.bank import BankClient
from portal.adapters.service_errors import ServiceCallError
from portal.domain import bank_view
from portal.entrypoints.http.dossier_tabs import dossier_context
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.report_nav import formats, need
from portal.entrypoints.http.web import PageRoute, redirect
from portal.i18n.error_codes import say_error

router = APIRouter(route_class=PageRoute)


def bank_for(user: User) -> BankClient:
    return BankClient(user.portal.services["sync-connector"], user.api.session.tokens.access)


@router.get("/dossiers/{dossier_id}/bank")
async def statements_page(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """The dossier's statement files, newest first."""
    need(user, "financial.view", dossier_id)
    statements = await bank_for(user).statements(dossier_id)
    return user.page("bank_statements.html", dossier_id=dossier_id, statements=statements, bv=bank_view,
                     **formats(user), **await dossier_context(user, dossier_id))


@router.get("/dossiers/{dossier_id}/bank/{file_id}")
async def statement_page(dossier_id: str, file_id: str, user: User = Depends(current_user)) -> Response:
    """One statement file and its lines: matched (how, which invoices) or left with suggestions."""
    need(user, "financial.view", dossier_id)
    statement = await bank_for(user).statement(dossier_id, file_id)
    return user.page("bank_statement.html", dossier_id=dossier_id, statement=statement, bv=bank_view,
                     may_match=user.may("bank.match", dossier_id), **formats(user),
                     **await dossier_context(user, dossier_id))


async def _match_page(user: User, dossier_id: str, file_id: str, sequence: str, *, picked: list[str] | None = None,
                      error: str = "", status: int = 200) -> Response:
    found = await bank_for(user).candidates(dossier_id, file_id, sequence)
    return user.page("bank_match.html", dossier_id=dossier_id, file_id=file_id, line=found["line"],
                     candidates=found["candidates"], picked=set(picked or ()), error=error, status=status,
                     **formats(user), **await dossier_context(user, dossier_id))


@router.get("/dossiers/{dossier_id}/bank/{file_id}/lines/{sequence}/match")
async def match_page(dossier_id: str, file_id: str, sequence: str, user: User = Depends(current_user)) -> Response:
    """A line the rules left and the open invoices it could pay: the rules' suggestions first, then the others."""
    need(user, "bank.match", dossier_id)
    return await _match_page(user, dossier_id, file_id, sequence)


@router.post("/dossiers/{dossier_id}/bank/{file_id}/lines/{sequence}/match")
async def match(dossier_id: str, file_id: str, sequence: str, user: User = Depends(current_user)) -> Response:
    """Match the line to the invoices ticked; back to the statement. A refusal (amounts that do not fit, a line
    matched meanwhile) comes back on the page in the user's language, the ticks kept."""
    need(user, "bank.match", dossier_id)
    picked = user.form.getlist("reference")
    try:
        await bank_for(user).match(dossier_id, file_id, sequence, picked)
    except ServiceCallError as exc:
        if exc.status not in (409, 422):
            raise
        return await _match_page(user, dossier_id, file_id, sequence, picked=picked, status=exc.status,
                                 error=say_error(exc.code, exc.params, user.language, exc.message))
    return redirect(user.request, f"/dossiers/{dossier_id}/bank/{file_id}#line-{sequence}")
