"""A fake office service: the routes of services/office/API.md the portal calls, in memory, same error shapes,
same permission matrix (runtime.auth). For the portal's integration tests; the browser tests use the real office.
Kept in step with the real office by the contract suite (tests/integration/test_office_contract_*.py)."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.responses import Response
from runtime.auth import DossierRef, Forbidden, Unauthenticated, authorize
from runtime.config import Settings
from runtime.http import create_http_app, error_response

from portal_testkit.office_checks import conflict, monitor_answer, office_list_errors
from portal_testkit.office_dossiers import register_dossiers
from portal_testkit.office_news import register_news
from portal_testkit.office_state import FakeOffice, FakeUser, new_id



def build_fake_office(fake: FakeOffice) -> FastAPI:
    r = APIRouter()

    def caller(request: Request) -> FakeUser:
        fake.calls.append((request.method, request.url.path))
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        user = fake.users.get(fake.access_tokens.get(token, ""))
        if user is None or not user.active:
            raise Unauthenticated("invalid or expired token")
        return user

    def check(user: FakeUser, action: str, dossier_id: str | None = None) -> None:
        ref = None
        if dossier_id is not None:
            if dossier_id not in fake.dossiers:
                raise Forbidden("unknown dossier")
            ref = DossierRef.from_settings(fake.office["id"], dossier_id, fake.effective(dossier_id))
        authorize(fake.principal(user), action, ref)

    def me(user: FakeUser) -> dict[str, Any]:
        return {"user": {"id": user.id, "email": user.email, "name": user.name, "language": user.language,
                         "kind": user.kind, "role": user.role},
                "office": {k: fake.office[k] for k in ("id", "slug", "name", "portal_name", "default_language",
                                                       "dossier_activation", "instruction_videos", "app_centre_links")},
                "dossiers": [fake.summary(d, user) for d in fake.visible(user)]}

    @r.get("/public/offices/{slug}")
    async def public_office(slug: str) -> dict:
        if slug != fake.office["slug"]:
            raise HTTPException(404, "unknown office")
        return {k: fake.office[k] for k in ("slug", "name", "portal_name", "default_language")}

    @r.post("/auth/login")
    async def login(body: dict) -> dict:
        user = fake.user_by_email(body.get("email", ""))
        if user is None or not user.active or body.get("password") != user.password:
            raise Unauthenticated("wrong e-mail or password")
        return fake.issue(user)

    @r.post("/auth/refresh")
    async def refresh(body: dict) -> dict:
        token = body.get("refresh_token", "")
        user = fake.users.get(fake.refresh_tokens.pop(token, ""))
        if user is None or not user.active:
            fake.revoke_chain(token)  # a used token again: the whole chain is revoked
            raise Unauthenticated("bad refresh token")
        return fake.issue(user, fake.refresh_chains[token])

    @r.post("/auth/logout", status_code=204)
    async def logout(body: dict) -> Response:
        fake.revoke_chain(body.get("refresh_token", ""))
        return Response(status_code=204)

    @r.post("/auth/password-reset", status_code=202)
    async def reset(body: dict) -> dict:
        fake.mails.append({"template": "user.password_reset", "email": body.get("email")})
        return {"status": "accepted"}

    @r.post("/auth/password-reset/confirm", status_code=204)
    async def confirm(body: dict) -> Response:
        user = fake.reset_tokens.pop(body.get("token", ""), None)
        if user is None:
            raise Unauthenticated("invalid or used link")
        fake.users[user].password = body["password"]
        return Response(status_code=204)

    @r.get("/me")
    async def get_me(request: Request) -> dict:
        return me(caller(request))

    @r.patch("/me")
    async def patch_me(request: Request, body: dict) -> dict:
        user = caller(request)
        if body.get("language") not in (None, "nl", "fr", "en", "de"):
            return error_response(422, "validation_error", "language: bad", fields=[{"field": "language", "code": "choice", "message": "bad"}])
        user.language = body.get("language") or user.language
        return me(user)

    @r.get("/office")
    async def get_office(request: Request) -> dict:
        check(caller(request), "office.settings.view")
        return fake.office

    @r.patch("/office")
    async def patch_office(request: Request, body: dict) -> Any:
        check(caller(request), "office.settings.edit")
        bad = office_list_errors(body)
        if not body.get("name", "x"):
            bad.append({"field": "name", "code": "too_short", "message": "must not be empty"})
        if bad:
            return error_response(422, "validation_error", "invalid", fields=bad)
        fake.office.update({k: v for k, v in body.items() if k not in ("id", "slug")})
        return fake.office

    @r.get("/monitor")
    async def monitor(request: Request, mine: bool = False, sort: str | None = None, order: str | None = None) -> Any:
        user = caller(request)
        check(user, "monitor.view")
        return monitor_answer(fake, user, mine, sort, order)

    def collaborator(u: FakeUser) -> dict:
        return {"id": u.id, "email": u.email, "name": u.name, "role": u.role, "language": u.language,
                "active": u.active, "created_at": "2026-01-01T00:00:00Z"}

    @r.get("/collaborators")
    async def collaborators(request: Request) -> dict:
        check(caller(request), "collaborator.view")
        return {"items": [collaborator(u) for u in fake.users.values() if u.role]}

    @r.post("/collaborators", status_code=201)
    async def create_collaborator(request: Request, body: dict) -> Any:
        check(caller(request), "collaborator.manage")
        if body.get("role") not in ("ADMIN", "COLLABORATOR", "SUPPORT"):
            return error_response(422, "validation_error", "role", fields=[{"field": "role", "code": "choice", "message": "bad"}])
        if fake.user_by_email(body["email"]):
            return conflict("this e-mail address is already in use", "email", "email_taken")
        user = fake.add_user(body["email"], body["name"], role=body["role"], language=body.get("language") or "en")
        fake.mails.append({"template": "user.welcome", "email": user.email})
        return collaborator(user)

    @r.get("/collaborators/{user_id}")
    async def one_collaborator(request: Request, user_id: str) -> Any:
        check(caller(request), "collaborator.view")
        if user_id not in fake.users or not fake.users[user_id].role:
            return error_response(404, "not_found", "no such collaborator in your office")
        return collaborator(fake.users[user_id])

    @r.patch("/collaborators/{user_id}")
    async def update_collaborator(request: Request, user_id: str, body: dict) -> Any:
        check(caller(request), "collaborator.manage")
        if user_id not in fake.users or not fake.users[user_id].role:
            return error_response(404, "not_found", "no such collaborator in your office")
        if body.get("role") not in ("ADMIN", "COLLABORATOR", "SUPPORT"):
            return error_response(422, "validation_error", "role", fields=[{"field": "role", "code": "choice", "message": "bad"}])
        admins = [u for u in fake.users.values() if u.role == "ADMIN" and u.active]
        if fake.users[user_id].role == "ADMIN" and body["role"] != "ADMIN" and len(admins) <= 1:
            return conflict("the office needs at least one active ADMIN", None, "last_admin")
        fake.users[user_id].role = body["role"]
        return collaborator(fake.users[user_id])

    async def toggle(request: Request, user_id: str) -> Any:
        action = request.url.path.rsplit("/", 1)[1]
        user = caller(request)
        check(user, "collaborator.manage")
        if user_id not in fake.users or not fake.users[user_id].role:
            return error_response(404, "not_found", "no such collaborator in your office")
        if user_id == user.id and action == "disable":
            return conflict("you cannot disable yourself", None, "cannot_disable_self")
        fake.users[user_id].active = action == "enable"
        return collaborator(fake.users[user_id])

    for action in ("enable", "disable"):  # two routes, as the real office has (not a template)
        r.post(f"/collaborators/{{user_id}}/{action}")(toggle)

    for kind in ("collaborator-groups", "client-groups"):
        register_groups(r, kind, fake, caller, check)
    register_dossiers(r, fake, caller, check)
    register_news(r, fake, caller, check)  # PLT-3
    app = create_http_app("fake-office", settings=Settings(service="fake-office"), extra_routers=[r])
    return app


def register_groups(r: APIRouter, kind: str, fake: FakeOffice, caller, check) -> None:
    """List, create and delete one kind of group; a client group's dossiers carry its id (DOS-5)."""
    store = fake.client_groups if kind == "client-groups" else fake.collaborator_groups
    lists = ("dossiers", "collaborators", "collaborator_groups") if kind == "client-groups" else ("members",)

    @r.get(f"/{kind}", name=f"list-{kind}")
    async def list_groups(request: Request) -> dict:
        check(caller(request), "group.view")
        return {"items": list(store.values())}

    @r.post(f"/{kind}", status_code=201, name=f"create-{kind}")
    async def create(request: Request, body: dict) -> Any:
        check(caller(request), "group.manage")
        if any(g["name"] == body.get("name") for g in store.values()):
            return conflict("a group with this name already exists", "name", "name_taken")
        group = {"id": new_id(), "name": body.get("name"), **{k: list(body.get(k) or []) for k in lists}}
        store[group["id"]] = group
        for dossier_id in group.get("dossiers", ()):
            fake.dossiers[dossier_id]["client_group_id"] = group["id"]
        return group

    @r.delete(f"/{kind}/{{group_id}}", status_code=204, name=f"delete-{kind}")
    async def delete(request: Request, group_id: str) -> Response:
        check(caller(request), "group.manage")
        for dossier_id in store.pop(group_id, {}).get("dossiers", ()):
            fake.dossiers[dossier_id]["client_group_id"] = None
        return Response(status_code=204)
