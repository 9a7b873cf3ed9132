"""A dossier's permanent dossier (REP-7): the documents filed by type from the misc worklist (WL-12) — statutes,
contracts, deeds — for the profiles that may see the archive (archive.view), with the file for those who may read
documents (as in the archive, FULL_FEEDBACK sees the list without the files). The worklist keeps the filing."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from portal.entrypoints.http.archive_pages import may_read_files
from portal.entrypoints.http.documents import ingest_for
from portal.entrypoints.http.dossier_tabs import dossier_context
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.report_nav import formats, need, passed_on
from portal.entrypoints.http.web import PageError, PageRoute, forbidden
from portal.entrypoints.http.worklist_pages import worklist_for
from portal.i18n import N_

router = APIRouter(route_class=PageRoute)


async def _filed(user: User, dossier_id: str, kind: str = "") -> dict:
    """The worklist's permanent dossier ``{types[{code, count}], items[...]}``, of one type when given."""
    return await worklist_for(user).call("GET", f"/dossiers/{dossier_id}/permanent-dossier",
                                         params={"type": kind} if kind else {})


@router.get("/dossiers/{dossier_id}/permanent-dossier")
async def permanent_dossier(dossier_id: str, type: str = "", user: User = Depends(current_user)) -> Response:
    """REP-7: the types with how many documents each holds, and the documents of the chosen type (all by default)."""
    need(user, "archive.view", dossier_id)
    found = await _filed(user, dossier_id, type.strip())
    return user.page("permanent_dossier.html", dossier_id=dossier_id, found=found, chosen=type.strip(),
                     files=may_read_files(user, dossier_id), **formats(user),
                     **await dossier_context(user, dossier_id))


@router.get("/dossiers/{dossier_id}/permanent-dossier/{document_id}/file")
async def permanent_file(dossier_id: str, document_id: str, user: User = Depends(current_user)) -> Response:
    """A filed document as ingest keeps it; 404 for a document that is not in the permanent dossier."""
    need(user, "archive.view", dossier_id)
    if not may_read_files(user, dossier_id):
        raise forbidden()
    found = await _filed(user, dossier_id)
    if not any(str(i.get("document_id")) == document_id for i in found.get("items") or ()):
        raise PageError(404, N_("Not found"), N_("This document is not in the permanent dossier."))
    return passed_on(await ingest_for(user).call("GET", f"/dossiers/{dossier_id}/documents/{document_id}/content",
                                                 raw=True))
