"""Dossier use cases (DOS-1..3, DOS-5): list what one may see, create, activate, change, checklist, mailboxes."""
from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from runtime.auth.policy import Forbidden, is_allowed
from runtime.auth.principal import PrincipalKind, Role

from office.adapters.dossiers import as_uuid
from office.domain import values
from office.domain.dossier import DossierView, NewDossier, checklist, detail, journals_from_templates, summary
from office.domain.errors import Conflict, InvalidInput
from office.domain.ports import Dossiers, UnitOfWork
from office.domain.settings import apply_patch, needs_configure, parse_patch
from office.handlers.context import Caller, Deps, dossier_for, ref_of

ACCOUNTING_FIELDS = ("software", "installation", "dossier_code")


def access_of(caller: Caller, view: DossierView) -> tuple[str | None, str | None, bool]:
    """(client profile, collaborator access, assigned "worklists only") of the caller on a dossier they may see.

    The flag is the principal's, so a client of the answer applies the same limit the policy enforces (OFF-2)."""
    p = caller.principal
    if p.kind is PrincipalKind.CLIENT:
        profile = p.profiles.get(view.id)
        return (profile.value if profile else None), None, False
    only = view.id in p.worklists_only
    if view.id in p.assigned_dossiers:
        return None, "assigned", only
    if view.id in p.group_dossiers:
        return None, "client_group", only
    return None, "all", only


async def visible(dossiers: Dossiers, caller: Caller) -> list[DossierView]:
    """The office's dossiers the caller may see (dossier.view), by name."""
    return [v for v in await dossiers.list_views(caller.office)
            if is_allowed(caller.principal, "dossier.view", ref_of(v))]


async def list_dossiers(deps: Deps, caller: Caller, status: str | None = None, mine: bool = False) -> dict[str, Any]:
    """The dossiers the caller may see; ``mine`` keeps those assigned to a collaborator (ACT-1 "my dossiers")."""
    caller.may("self.view")
    async with deps.uow() as uow:
        views = await visible(uow.dossiers, caller)
    items = []
    for view in views:
        profile, access, only = access_of(caller, view)
        if (status and view.status != status) or (mine and access == "all"):
            continue
        items.append(summary(view, profile, access, only))
    return {"items": items}


def _date(value: Any, field: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput(field, "must be a date YYYY-MM-DD", "date") from None


async def _client_group(dossiers: Dossiers, caller: Caller, value: Any) -> str | None:
    if value in (None, ""):
        return None
    gid = as_uuid(value)
    if gid is None or not await dossiers.has_client_group(caller.office.id, str(gid)):
        raise InvalidInput("client_group_id", "is not one of your office's client groups", "unknown_reference")
    return str(gid)


async def create_dossier(deps: Deps, caller: Caller, body: dict[str, Any]) -> dict[str, Any]:
    """DOS-1 step 1: a draft dossier with its inbound mailboxes; its creator is assigned when not an ADMIN."""
    caller.may("dossier.create")
    fields = dict(zip(("name", "code", "vat_number", "language"), values.each(
        lambda: values.name(body.get("name")), lambda: values.code(body.get("code")),
        lambda: values.vat_number(body.get("vat_number")),
        lambda: values.language(body.get("language", caller.office.default_language)))))
    overrides: dict[str, Any] = {}
    if body.get("settings") is not None:
        patch, keys = parse_patch(body["settings"])
        overrides = apply_patch({}, patch, keys)
    async with deps.uow() as uow:
        group = await _client_group(uow.dossiers, caller, body.get("client_group_id"))
        dossier_id = await uow.dossiers.create(caller.office.id, NewDossier(**fields, client_group_id=group,
                                                                               settings=overrides))
        for box in values.MAILBOXES:
            label = fields["code"] or fields["name"]
            address = values.inbound_address(label, box, deps.settings.office_inbound_mail_domain)
            await uow.dossiers.set_mailbox(dossier_id, box, address)
        if caller.principal.role is not Role.ADMIN:
            await uow.dossiers.replace_assignments(dossier_id, [(caller.principal.subject, False)])
        uow.dossier_changed(caller.office, [dossier_id], "created", caller.user_id)
        view = await uow.dossiers.load(dossier_id, caller.office)
    assert view is not None
    return detail(view, None, "assigned" if caller.principal.role is not Role.ADMIN else "all")


async def get_dossier(deps: Deps, caller: Caller, dossier_id: str) -> dict[str, Any]:
    """One dossier with its effective settings and mailbox addresses."""
    async with deps.uow() as uow:
        view = await dossier_for(uow.dossiers, caller, dossier_id, "dossier.view", full=False)
    return detail(view, *access_of(caller, view))


async def patch_dossier(deps: Deps, caller: Caller, dossier_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """Change the dossier's name, code, VAT number, 'accounting updated up to' (DOS-1) or client group (DOS-5)."""
    allowed = {"name", "code", "vat_number", "accounting_updated_up_to", "client_group_id", "language"}
    unknown = sorted(set(body) - allowed)
    if unknown:
        raise InvalidInput(unknown[0], "cannot be changed here", "unknown")
    async with deps.uow() as uow:
        view = await dossier_for(uow.dossiers, caller, dossier_id, "dossier.configure", for_update=True)
        changes = await _dossier_changes(uow.dossiers, caller, body)
        if changes:
            await uow.dossiers.update(view.id, **changes)
            uow.dossier_changed(caller.office, [view.id], "updated", caller.user_id)
        view = await _reload(uow, caller, view.id)
    return detail(view, *access_of(caller, view))


async def _reload(uow: UnitOfWork, caller: Caller, dossier_id: str) -> DossierView:
    """The dossier as the block left it (without users and assignments)."""
    view = await uow.dossiers.load(dossier_id, caller.office, full=False)
    assert view is not None
    return view


async def _dossier_changes(dossiers: Dossiers, caller: Caller, body: dict[str, Any]) -> dict[str, Any]:
    parse = {"name": values.name, "code": values.code, "vat_number": values.vat_number, "language": values.language,
             "accounting_updated_up_to": _date}
    changes = {key: parse[key](body[key], key) for key in body if key in parse}
    if "client_group_id" in body:
        changes["client_group_id"] = await _client_group(dossiers, caller, body["client_group_id"])
    return changes


def _link_part(accounting: dict[str, Any], key: str) -> str:
    """One part of the accounting link: required, at most 100 characters."""
    value = str(accounting.get(key) or "").strip()
    if not value or len(value) > 100:
        raise InvalidInput(f"accounting.{key}", "is required (1 to 100 characters)", "required")
    return value


async def activate_dossier(deps: Deps, caller: Caller, dossier_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """DOS-1 step 2 / SYN-7: link the dossier to the accounting software; journals come from the templates."""
    accounting = body.get("accounting")
    if not isinstance(accounting, dict):
        raise InvalidInput("accounting", "needs software, installation and dossier_code")
    link = dict(zip(ACCOUNTING_FIELDS, values.each(*(partial(_link_part, accounting, key) for key in ACCOUNTING_FIELDS))))
    async with deps.uow() as uow:
        view = await dossier_for(uow.dossiers, caller, dossier_id, "dossier.activate", for_update=True)
        if caller.office.dossier_activation == "admins" and caller.principal.role is not Role.ADMIN:
            raise Forbidden("your office lets only ADMINs activate dossiers (OFF-1)")
        if view.status != "draft":
            raise Conflict(f"the dossier is already {view.status}", reason="already_active")
        overrides = dict(view.overrides)
        overrides.setdefault("journals", journals_from_templates(caller.office.journal_templates))
        changes: dict[str, Any] = {"status": "active", "accounting": link, "settings": overrides}
        if body.get("accounting_updated_up_to"):
            changes["accounting_updated_up_to"] = _date(body["accounting_updated_up_to"], "accounting_updated_up_to")
        await uow.dossiers.update(view.id, **changes)
        uow.dossier_changed(caller.office, [view.id], "activated", caller.user_id)
        view = await _reload(uow, caller, view.id)
    return detail(view, *access_of(caller, view))


def settings_json(view: DossierView) -> dict[str, Any]:
    """The API form of a dossier's settings: effective values and the dossier's own overrides."""
    return {"effective": view.settings, "overrides": view.overrides}


async def get_settings(deps: Deps, caller: Caller, dossier_id: str) -> dict[str, Any]:
    """The dossier's effective settings and overrides."""
    async with deps.uow() as uow:
        return settings_json(await dossier_for(uow.dossiers, caller, dossier_id, "dossier.view", full=False))


async def patch_settings(deps: Deps, caller: Caller, dossier_id: str, body: Any) -> dict[str, Any]:
    """Override settings (null inherits again); office-only keys need dossier.configure (DOS-2, DOS-3)."""
    patch, keys = parse_patch(body, prefix="settings")
    action = "dossier.configure" if needs_configure(keys) else "dossier.settings.edit"
    async with deps.uow() as uow:
        view = await dossier_for(uow.dossiers, caller, dossier_id, action, for_update=True)
        overrides = apply_patch(view.overrides, patch, keys)
        if overrides != view.overrides:
            await uow.dossiers.update(view.id, settings=overrides)
            uow.dossier_changed(caller.office, [view.id], "settings", caller.user_id)
        view = await _reload(uow, caller, view.id)
    return settings_json(view)


async def get_checklist(deps: Deps, caller: Caller, dossier_id: str) -> dict[str, Any]:
    """DOS-5: the new-dossier checklist with its red flags."""
    async with deps.uow() as uow:
        return checklist(await dossier_for(uow.dossiers, caller, dossier_id, "dossier.checklist.view"))


async def rotate_mailbox(deps: Deps, caller: Caller, dossier_id: str, mailbox: str) -> dict[str, Any]:
    """A new inbound address for one mailbox (ING-2), e.g. after spam; the old one stops working."""
    box = values.mailbox(mailbox)
    async with deps.uow() as uow:
        view = await dossier_for(uow.dossiers, caller, dossier_id, "dossier.configure", for_update=True)
        address = values.inbound_address(view.code or view.name, box, deps.settings.office_inbound_mail_domain)
        await uow.dossiers.set_mailbox(view.id, box, address)
        uow.dossier_changed(caller.office, [view.id], "settings", caller.user_id)
        view = await _reload(uow, caller, view.id)
    return detail(view, *access_of(caller, view))
