"""Dossier, settings, checklist and client-user routes of the fake office (services/office/API.md)."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from office.domain.settings import CLIENT_EDITABLE
from runtime.http import error_response

from portal_testkit.office_checks import conflict, row_errors
from portal_testkit.office_keys import register_keys
from portal_testkit.office_state import DEFAULT_SETTINGS, FakeOffice, FakeUser, new_id

PROFILES = {"ADMINISTRATOR", "FULL_ACCESS", "DOCUMENT_PROCESSING", "DOCUMENT_PROCESSING_ARCHIVE", "FULL_FEEDBACK",
            "DOCUMENT_DELIVERY"}


def dossier_list_errors(body: dict[str, Any]) -> list[dict]:
    """Errors of the dossier lists in a settings patch (journals, exceptions, schema, links, accounts)."""
    bad = row_errors("journals", body.get("journals") or [], ("alias", "number_format"), "settings.")
    bad += row_errors("app_centre_links", body.get("app_centre_links") or [], ("title", "url"), "settings.")
    bad += row_errors("vat_code_exceptions", body.get("vat_code_exceptions") or [], ("code",), "settings.")
    bad += [{"field": f"settings.{key}", "code": "account", "message": "accounts are 1 to 10 digits"}
            for key in ("extra_accounts", "dashboard_accounts")
            if any(not str(a).isdigit() or len(str(a)) > 10 for a in body.get(key) or [])]
    return bad


def checklist_items(fake: FakeOffice, dossier_id: str) -> list[dict[str, Any]]:
    """The new-dossier checklist (DOS-5) with the office's item codes, severities and fields."""
    d, eff = fake.dossiers[dossier_id], fake.effective(dossier_id)
    journals = eff["journals"]
    types = {j["type"] for j in journals if j.get("active", True)}
    checks = (("activated", d["status"] == "active", "accounting", "red"),
              ("journals_present", {"purchases", "sales"} <= types, "settings.journals", "red"),
              ("journals_reviewed", bool(journals) and all(j.get("reviewed") for j in journals), "settings.journals", "red"),
              ("rubrics_reviewed", bool(eff["rubrics_reviewed"]), "settings.rubrics_reviewed", "red"),
              ("collaborator_assigned", any(dossier_id in u.assigned for u in fake.users.values() if u.role and u.active),
               "assignments", "red"),
              ("client_user", any(dossier_id in u.profiles and u.active for u in fake.users.values()), "users", "red"),
              ("vat_number", bool(d["vat_number"]), "vat_number", "info"),
              ("default_counterparty", bool(eff["default_counterparty"]), "settings.default_counterparty", "info"),
              ("updated_up_to", d["accounting_updated_up_to"] is not None, "accounting_updated_up_to", "info"))
    return [{"code": code, "ok": ok, "severity": severity, "message": code.replace("_", " "), "field": field}
            for code, ok, field, severity in checks]


def register_dossiers(r: APIRouter, fake: FakeOffice, caller, check) -> None:
    def full(dossier_id: str, user: FakeUser) -> dict[str, Any]:
        d = fake.dossiers[dossier_id]
        group = fake.client_groups.get(d.get("client_group_id") or "")
        return {**d, **fake.summary(dossier_id, user), "settings": fake.effective(dossier_id),
                "client_group_name": group["name"] if group else None,
                "journals": fake.effective(dossier_id)["journals"],
                "mailboxes": {m: fake.mailboxes.get(dossier_id, {}).get(m) or f"{m}.{(d['code'] or 'new').lower()}@in.demo.test"
                              for m in ("purchases", "sales", "misc")}}

    @r.get("/dossiers")
    async def dossiers(request: Request, status: str | None = None, mine: bool = False) -> dict:
        user = caller(request)
        ids = [d for d in fake.visible(user) if status in (None, fake.dossiers[d]["status"])]
        if mine:
            ids = [d for d in ids if d in user.assigned]
        return {"items": [fake.summary(d, user) for d in ids]}

    @r.post("/dossiers", status_code=201)
    async def create(request: Request, body: dict) -> Any:
        user = caller(request)
        check(user, "dossier.create")
        if not body.get("name"):
            return error_response(422, "validation_error", "name: required", fields=[{"field": "name", "code": "length", "message": "required"}])
        if any(d["code"] == body.get("code") for d in fake.dossiers.values() if body.get("code")):
            return conflict("another dossier of your office has this code", "code", "code_taken")
        dossier_id = fake.add_dossier(body["name"], status="draft", **(body.get("settings") or {}))
        fake.dossiers[dossier_id].update(code=body.get("code") or "NEW", vat_number=body.get("vat_number"))
        if user.role != "ADMIN":  # its creator is assigned when not an ADMIN
            user.assigned.add(dossier_id)
        return full(dossier_id, user)

    @r.get("/dossiers/{dossier_id}")
    async def get(request: Request, dossier_id: str) -> dict:
        user = caller(request)
        check(user, "dossier.view", dossier_id)
        return full(dossier_id, user)

    @r.patch("/dossiers/{dossier_id}")
    async def patch(request: Request, dossier_id: str, body: dict) -> dict:
        user = caller(request)
        check(user, "dossier.configure", dossier_id)
        fake.dossiers[dossier_id].update(body)
        return full(dossier_id, user)

    @r.post("/dossiers/{dossier_id}/activate")
    async def activate(request: Request, dossier_id: str, body: dict) -> Any:
        user = caller(request)
        check(user, "dossier.activate", dossier_id)
        if fake.dossiers[dossier_id]["status"] == "active":
            return conflict("the dossier is already active", None, "already_active")
        link = {k: str((body.get("accounting") or {}).get(k) or "").strip() for k in ("software", "installation", "dossier_code")}
        if not all(link.values()):
            return error_response(422, "validation_error", "bad", fields=[
                {"field": f"accounting.{k}", "code": "required", "message": "is required"} for k, v in link.items() if not v])
        fake.dossiers[dossier_id].update(status="active", accounting=link,
                                         accounting_updated_up_to=body.get("accounting_updated_up_to"))
        fake.overrides[dossier_id].setdefault("journals", [
            {**{k: t.get(k) for k in ("alias", "type", "description", "number_format")}, "next_number": 1,
             "credit_notes_only": t.get("credit_notes_only", False), "active": True, "reviewed": False}
            for t in fake.office["journal_templates"] if t.get("active", True)])
        return full(dossier_id, user)

    @r.post("/dossiers/{dossier_id}/mailboxes/{mailbox}/rotate")
    async def rotate(request: Request, dossier_id: str, mailbox: str) -> Any:
        user = caller(request)
        check(user, "dossier.configure", dossier_id)
        if mailbox not in ("purchases", "sales", "misc"):
            return error_response(422, "validation_error", "mailbox", fields=[{"field": "mailbox", "code": "choice", "message": "bad"}])
        fake.mailboxes.setdefault(dossier_id, {})[mailbox] = f"{mailbox}-{new_id()[:8]}@in.demo.test"
        return full(dossier_id, user)

    register_keys(r, fake, caller, check)

    @r.get("/dossiers/{dossier_id}/settings")
    async def settings(request: Request, dossier_id: str) -> dict:
        check(caller(request), "dossier.view", dossier_id)
        return {"effective": fake.effective(dossier_id), "overrides": fake.overrides[dossier_id]}

    @r.patch("/dossiers/{dossier_id}/settings")
    async def patch_settings(request: Request, dossier_id: str, body: dict) -> Any:
        user = caller(request)
        check(user, "dossier.settings.edit" if set(body) <= CLIENT_EDITABLE else "dossier.configure", dossier_id)
        bad = dossier_list_errors(body) + [{"field": f"settings.{k}", "code": "unknown", "message": "unknown setting"}
                                           for k in body if k not in DEFAULT_SETTINGS]
        if len(body.get("keywords") or []) > 4:
            bad.append({"field": "settings.keywords", "code": "too_many", "message": "at most 4"})
        if bad:
            return error_response(422, "validation_error", "invalid", fields=bad)
        fake.overrides[dossier_id].update(body)
        return {"effective": fake.effective(dossier_id), "overrides": fake.overrides[dossier_id]}

    @r.get("/dossiers/{dossier_id}/checklist")
    async def checklist(request: Request, dossier_id: str) -> dict:
        check(caller(request), "dossier.checklist.view", dossier_id)
        items = checklist_items(fake, dossier_id)
        return {"ok": all(i["ok"] for i in items if i["severity"] == "red"), "items": items}

    def assignments(dossier_id: str) -> dict:
        return {"items": [{"collaborator_id": u.id, "email": u.email, "name": u.name, "role": u.role,
                           "language": u.language, "worklists_only": dossier_id in u.worklists_only, "via": "direct"}
                          for u in fake.users.values() if u.role and dossier_id in u.assigned]}

    @r.get("/dossiers/{dossier_id}/assignments")
    async def get_assignments(request: Request, dossier_id: str) -> dict:
        check(caller(request), "dossier.view", dossier_id)
        return assignments(dossier_id)

    @r.put("/dossiers/{dossier_id}/assignments")
    async def put_assignments(request: Request, dossier_id: str, body: dict) -> dict:
        check(caller(request), "dossier.assign", dossier_id)
        chosen = {c["collaborator_id"]: bool(c.get("worklists_only")) for c in body["collaborators"]}
        for u in fake.users.values():
            if u.role:
                u.assigned = (u.assigned | {dossier_id}) if u.id in chosen else (u.assigned - {dossier_id})
                only = chosen.get(u.id, False)
                u.worklists_only = (u.worklists_only | {dossier_id}) if only else (u.worklists_only - {dossier_id})
        return assignments(dossier_id)

    def client_user(u: FakeUser, dossier_id: str) -> dict:
        return {"id": u.id, "email": u.email, "name": u.name, "language": u.language,
                "profile": u.profiles.get(dossier_id), "active": u.active}

    @r.get("/dossiers/{dossier_id}/users")
    async def users(request: Request, dossier_id: str) -> dict:
        check(caller(request), "dossier.users.view", dossier_id)
        return {"items": [client_user(u, dossier_id) for u in fake.users.values() if dossier_id in u.profiles]}

    @r.post("/dossiers/{dossier_id}/users", status_code=201)
    async def add_user(request: Request, dossier_id: str, body: dict) -> Any:
        check(caller(request), "dossier.users.manage", dossier_id)
        if body.get("profile") not in PROFILES:
            return error_response(422, "validation_error", "bad profile", fields=[{"field": "profile", "code": "choice", "message": "unknown profile"}])
        user = fake.user_by_email(body["email"])
        if user is not None and user.role:
            return conflict("this e-mail address is already in use", "email", "email_taken")
        if user is not None and dossier_id in user.profiles:
            return conflict("this person is already a user of the dossier", "email", "already_user")
        if user is None:
            user = fake.add_user(body["email"], body["name"], language=body.get("language") or "en")
            fake.mails.append({"template": "user.welcome", "email": user.email})
        user.profiles[dossier_id] = body["profile"]
        return client_user(user, dossier_id)

    @r.patch("/dossiers/{dossier_id}/users/{user_id}")
    async def patch_user(request: Request, dossier_id: str, user_id: str, body: dict) -> dict:
        check(caller(request), "dossier.users.manage", dossier_id)
        fake.users[user_id].profiles[dossier_id] = body["profile"]
        return client_user(fake.users[user_id], dossier_id)

    async def toggle_user(request: Request, dossier_id: str, user_id: str) -> dict:
        check(caller(request), "dossier.users.manage", dossier_id)
        fake.users[user_id].active = request.url.path.endswith("/enable")
        return client_user(fake.users[user_id], dossier_id)

    for action in ("enable", "disable"):  # two routes, as the real office has (not a template)
        r.post(f"/dossiers/{{dossier_id}}/users/{{user_id}}/{action}")(toggle_user)
