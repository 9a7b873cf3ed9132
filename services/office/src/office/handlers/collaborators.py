"""Collaborator use cases (OFF-2): list, create with a welcome e-mail, change, disable and enable."""
from __future__ import annotations

from typing import Any

from office.domain import values
from office.domain.errors import Conflict, InvalidInput, NotFound
from office.domain.ports import UnitOfWork
from office.domain.principals import Account
from office.handlers.context import Caller, Deps, every_dossier_changed
from office.handlers.identity import send_link


async def list_collaborators(deps: Deps, caller: Caller) -> dict[str, Any]:
    """The office's collaborators."""
    caller.may("collaborator.view")
    async with deps.uow() as uow:
        return {"items": [c.as_json() for c in await uow.accounts.collaborators(caller.office.id)]}


async def _collaborator(uow: UnitOfWork, caller: Caller, user_id: str, *, lock: bool = False) -> Account:
    account = await uow.accounts.get(user_id, caller.office.id, for_update=lock)
    if account is None or account.kind != "collaborator":
        raise NotFound("no such collaborator in your office")
    return account


async def get_collaborator(deps: Deps, caller: Caller, user_id: str) -> dict[str, Any]:
    """One collaborator of the office."""
    caller.may("collaborator.view")
    async with deps.uow() as uow:
        return (await uow.accounts.collaborator((await _collaborator(uow, caller, user_id)).id)).as_json()


async def create_collaborator(deps: Deps, caller: Caller, body: dict[str, Any]) -> dict[str, Any]:
    """A new collaborator; they get a welcome e-mail with a link to choose their password."""
    caller.may("collaborator.manage")
    email, name, role, language = values.each(
        lambda: values.email(body.get("email")), lambda: values.name(body.get("name")),
        lambda: values.role(body.get("role")),
        lambda: values.language(body.get("language", caller.office.default_language)))
    async with deps.uow() as uow:
        account = await uow.accounts.create(office_id=caller.office.id, kind="collaborator", email=email,
                                            name=name, language=language, role=role.value)
        await send_link(uow, deps, caller.office, account, "welcome")
        if account.role == "ADMIN":  # a new admin reaches every dossier: each snapshot names them (issue 15)
            await every_dossier_changed(uow, caller.office, "assignments", caller.user_id)
        return (await uow.accounts.collaborator(account.id)).as_json()


async def update_collaborator(deps: Deps, caller: Caller, user_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """Change a collaborator's name, role or language; the dossiers naming them are republished."""
    caller.may("collaborator.manage")
    changes: dict[str, Any] = {}
    if "name" in body:
        changes["name"] = values.name(body["name"])
    if "role" in body:
        changes["role"] = values.role(body["role"]).value
    if "language" in body:
        changes["language"] = values.language(body["language"])
    unknown = set(body) - {"name", "role", "language"}
    if unknown:
        raise InvalidInput(sorted(unknown)[0], "cannot be changed here", "unknown")
    async with deps.uow() as uow:
        account = await _collaborator(uow, caller, user_id, lock=True)
        if not changes:
            return (await uow.accounts.collaborator(account.id)).as_json()
        if account.role == "ADMIN" and changes.get("role", "ADMIN") != "ADMIN":
            await _keep_an_admin(uow, caller)
        was_admin = account.role == "ADMIN"
        account = await uow.accounts.update(account.id, **changes)
        await _republish(uow, caller, account.id, every=was_admin or account.role == "ADMIN")
        return (await uow.accounts.collaborator(account.id)).as_json()


async def set_collaborator_active(deps: Deps, caller: Caller, user_id: str, active: bool) -> dict[str, Any]:
    """Disable (refresh tokens revoked at once) or enable a collaborator."""
    caller.may("collaborator.manage")
    async with deps.uow() as uow:
        account = await _collaborator(uow, caller, user_id, lock=True)
        if not active and account.id == caller.user_id:
            raise Conflict("you cannot disable yourself", reason="cannot_disable_self")
        if not active and account.role == "ADMIN" and account.active:
            await _keep_an_admin(uow, caller)
        account = await uow.accounts.update(account.id, active=active)
        if not active:
            await uow.accounts.revoke_user_tokens(account.id, deps.clock())
        await _republish(uow, caller, account.id, every=account.role == "ADMIN")
        return (await uow.accounts.collaborator(account.id)).as_json()


async def _keep_an_admin(uow: UnitOfWork, caller: Caller) -> None:
    if await uow.accounts.active_admins(caller.office.id) <= 1:
        raise Conflict("the office needs at least one active ADMIN", reason="last_admin")


async def _republish(uow: UnitOfWork, caller: Caller, user_id: str, *, every: bool = False) -> None:
    """The dossiers naming the collaborator are published again; ``every`` dossier of the office when the office's
    admins changed (each snapshot names them: other services judge the role by it at once, issue 15)."""
    ids = (await uow.dossiers.ids_of_office(caller.office.id) if every
           else await uow.dossiers.dossiers_reached_by(user_id))
    uow.dossier_changed(caller.office, ids, "assignments", caller.user_id)
