"""Bank statements of a dossier (issue 17, REP-5): the files handed in with their state (imported, refused with
the reason, already imported), and one file's lines with their match state, the invoices each paid or the
suggestions for what the rules left. Upload goes through the documents page's 'bank' mailbox (ingest)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from portal.adapters.bank import BankClient
from portal.adapters.bearer_client import service_http
from portal.domain import bank_view
from portal.entrypoints.dossier_tabs import dossier_context
from portal.entrypoints.guard import User, current_user
from portal.entrypoints.report_nav import formats, need
from portal.entrypoints.web import PageRoute

router = APIRouter(route_class=PageRoute)
TIMEOUT_S = 10.0


def bank_for(user: User) -> BankClient:
    return BankClient(service_http(user.request, "sync-connector", TIMEOUT_S), user.api.session.tokens.access)


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
                     **formats(user), **await dossier_context(user, dossier_id))
