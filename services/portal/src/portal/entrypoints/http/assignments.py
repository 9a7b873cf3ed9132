"""Who works on a dossier (OFF-2, DOS-5): collaborators assigned directly, or through the client group."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from portal.entrypoints.http.dossier_tabs import dossier_page
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.web import PageRoute, forbidden, redirect

router = APIRouter(route_class=PageRoute)


@router.get("/dossiers/{dossier_id}/assignments")
async def assignments_page(dossier_id: str, user: User = Depends(current_user)) -> Response:
    if not user.may("dossier.assign", dossier_id):
        raise forbidden()
    dossier = await user.api.get(f"/dossiers/{dossier_id}")
    current = (await user.api.get(f"/dossiers/{dossier_id}/assignments"))["items"]
    collaborators = [c for c in (await user.api.get("/collaborators"))["items"] if c.get("active")]
    direct = {a["collaborator_id"]: a for a in current if a.get("via") == "direct"}
    grouped = {a["collaborator_id"] for a in current if a.get("via") != "direct"}
    return await dossier_page(user, "assignments.html", dossier_id, dossier=dossier, collaborators=collaborators,
                              direct=direct, grouped=grouped)


@router.post("/dossiers/{dossier_id}/assignments")
async def save_assignments(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """Replace the direct assignments with the ticked collaborators (SUPPORT: worklists only)."""
    if not user.may("dossier.assign", dossier_id):
        raise forbidden()
    worklists_only = set(user.form.getlist("worklists_only"))
    body = {"collaborators": [{"collaborator_id": c, "worklists_only": c in worklists_only}
                              for c in user.form.getlist("assigned")]}
    await user.api.put(f"/dossiers/{dossier_id}/assignments", body)
    return redirect(user.request, f"/dossiers/{dossier_id}?notice=saved")
