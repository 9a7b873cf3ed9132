"""Collaborator groups and client groups (OFF-3, DOS-5): who works together, which dossiers a group reaches."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from portal.adapters.service_errors import ServiceCallError
from portal.entrypoints.http.feedback import field_errors
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.notices import notice_of
from portal.entrypoints.http.web import PageRoute, forbidden, redirect

router = APIRouter(route_class=PageRoute)
KINDS = {"collaborator-groups": ("name", "members"), "client-groups": ("name", "dossiers", "collaborators",
                                                                      "collaborator_groups")}


async def _groups_page(user: User, *, status: int = 200, **values) -> Response:
    if not user.may("group.view"):
        raise forbidden()
    collaborator_groups = (await user.api.get("/collaborator-groups"))["items"]
    client_groups = (await user.api.get("/client-groups"))["items"]
    collaborators = (await user.api.get("/collaborators"))["items"] if user.may("collaborator.view") else []
    dossiers = (await user.api.get("/dossiers"))["items"]
    values.setdefault("form_error", None)
    values.setdefault("notice", None)
    values.setdefault("failed", "")
    return user.page(
        "groups.html", status=status, collaborator_groups=collaborator_groups, client_groups=client_groups,
        collaborators=collaborators, dossiers=dossiers, can_manage=user.may("group.manage"),
        names={**{c["id"]: c["name"] for c in collaborators}, **{d["id"]: d["name"] for d in dossiers},
               **{g["id"]: g["name"] for g in collaborator_groups}}, **values)


@router.get("/office/groups")
async def groups(notice: str = "", user: User = Depends(current_user)) -> Response:
    return await _groups_page(user, notice=notice_of(notice, user.language))


@router.post("/office/{kind}")
async def create_group(kind: str, user: User = Depends(current_user)) -> Response:
    if kind not in KINDS or not user.may("group.manage"):
        raise forbidden()
    name, *lists = KINDS[kind]
    body = {name: user.form.get(name), **{key: user.form.getlist(key) for key in lists}}
    try:
        await user.api.post(f"/{kind}", body)
    except ServiceCallError as exc:
        errors, general = field_errors(exc, KINDS[kind], user.language)
        return await _groups_page(user, status=exc.status, errors=errors, form_error=general, values=body,
                                  failed=kind)
    return redirect(user.request, "/office/groups?notice=group_created")


@router.post("/office/{kind}/{group_id}/delete")
async def delete_group(kind: str, group_id: str, user: User = Depends(current_user)) -> Response:
    if kind not in KINDS or not user.may("group.manage"):
        raise forbidden()
    await user.api.delete(f"/{kind}/{group_id}")
    return redirect(user.request, "/office/groups?notice=group_deleted")
