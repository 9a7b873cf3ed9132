"""Who may work on a dossier: collaborator assignments (OFF-2), client users with profiles (DOS-4), API keys (ING-4)."""
from __future__ import annotations

from typing import Any

from runtime.auth.policy import Forbidden
from runtime.auth.principal import ClientProfile, PrincipalKind

from office.adapters.dossiers import as_uuid
from office.domain import values
from office.domain.credentials import digest, new_api_key
from office.domain.dossier import DossierUser, DossierView
from office.domain.errors import Conflict, InvalidInput, NotFound
from office.domain.ports import Dossiers, UnitOfWork
from office.handlers.context import Caller, Deps, dossier_for
from office.handlers.identity import send_link


async def get_assignments(deps: Deps, caller: Caller, dossier_id: str) -> dict[str, Any]:
    """The collaborators reaching the dossier, directly or through its client group."""
    async with deps.uow() as uow:
        view = await dossier_for(uow.dossiers, caller, dossier_id, "dossier.view")
    return {"items": [a.as_json() for a in view.assignments]}


async def put_assignments(deps: Deps, caller: Caller, dossier_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """Replace the dossier's direct assignments."""
    raw = body.get("collaborators")
    if not isinstance(raw, list) or not all(isinstance(i, dict) for i in raw):
        raise InvalidInput("collaborators", "must be a list of {collaborator_id, worklists_only}")
    items = []
    for index, item in enumerate(raw):
        cid = as_uuid(item.get("collaborator_id"))
        if cid is None:
            raise InvalidInput(f"collaborators.{index}.collaborator_id", "must be an id")
        items.append((str(cid), bool(item.get("worklists_only", False))))
    async with deps.uow() as uow:
        view = await dossier_for(uow.dossiers, caller, dossier_id, "dossier.assign", for_update=True)
        ids = [c for c, _ in items]
        found = await uow.accounts.active_collaborators(caller.office.id, ids)
        missing = [i for i, c in enumerate(ids) if c not in found]
        if missing:
            raise InvalidInput(f"collaborators.{missing[0]}.collaborator_id",
                               "is not an active collaborator of your office", "unknown_reference")
        await uow.dossiers.replace_assignments(view.id, list(dict(items).items()))
        uow.dossier_changed(caller.office, [view.id], "assignments", caller.user_id)
        return {"items": [a.as_json() for a in await uow.dossiers.assignments(view.id)]}


async def list_client_users(deps: Deps, caller: Caller, dossier_id: str) -> dict[str, Any]:
    """The dossier's client users with their profiles."""
    async with deps.uow() as uow:
        view = await dossier_for(uow.dossiers, caller, dossier_id, "dossier.users.view")
    return {"items": [_user_json(u) for u in view.users]}


def _user_json(user: DossierUser) -> dict[str, Any]:
    return {"id": user.user_id, "email": user.email, "name": user.name, "language": user.language,
            "profile": user.profile, "active": user.active}


async def add_client_user(deps: Deps, caller: Caller, dossier_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """Give a person a profile on the dossier: a new e-mail creates the user and sends the welcome e-mail."""
    email, profile = values.email(body.get("email")), values.profile(body.get("profile"))
    async with deps.uow() as uow:
        view = await dossier_for(uow.dossiers, caller, dossier_id, "dossier.users.manage", for_update=True)
        found = await uow.accounts.by_email(email)
        if found is None:
            account = await uow.accounts.create(
                office_id=caller.office.id, kind="client", email=email, name=values.name(body.get("name")),
                language=values.language(body.get("language", view.language)))
            await send_link(uow, deps, caller.office, account, "welcome")
        else:
            account = found[0]
            if (account.kind != "client" or account.office_id != caller.office.id
                    or not await _may_touch_account(uow.dossiers, caller, account.id)):  # same answer: nothing more is learned
                raise Conflict("this e-mail address is already in use", field="email", reason="email_taken")
            if any(u.user_id == account.id for u in view.users):
                raise Conflict("this person is already a user of the dossier", field="email", reason="already_user")
            if not account.active:
                account = await uow.accounts.update(account.id, active=True)
        await uow.dossiers.set_client_user(view.id, account.id, profile=profile.value, active=True)
        uow.dossier_changed(caller.office, [view.id], "users", caller.user_id)
        user = await uow.dossiers.client_user(view.id, account.id)
    assert user is not None
    return _user_json(user)


async def update_client_user(deps: Deps, caller: Caller, dossier_id: str, user_id: str,
                             body: dict[str, Any]) -> dict[str, Any]:
    """Change a client user's profile on the dossier, or their name or language."""
    unknown = sorted(set(body) - {"profile", "name", "language"})
    if unknown:
        raise InvalidInput(unknown[0], "cannot be changed here", "unknown")
    profile = values.profile(body["profile"]) if "profile" in body else None
    person = {k: parse(body[k], k) for k, parse in (("name", values.name), ("language", values.language)) if k in body}
    if person and caller.principal.kind is not PrincipalKind.COLLABORATOR:
        raise Forbidden("a client administrator may change the person's profile on the dossier, not their name or "
                        "language: only the person or the office may")
    async with deps.uow() as uow:
        view, user = await _client_user(uow, caller, dossier_id, user_id)
        if profile is not None:
            await uow.dossiers.set_client_user(view.id, user.user_id, profile=profile.value)
        if person:
            await uow.accounts.update(user.user_id, **person)
        others = await uow.dossiers.dossiers_of_client(user.user_id) if person else []
        uow.dossier_changed(caller.office, {view.id, *others}, "users", caller.user_id)
        return _user_json(await uow.dossiers.client_user(view.id, user.user_id) or user)


async def set_client_user_active(deps: Deps, caller: Caller, dossier_id: str, user_id: str,
                                 active: bool) -> dict[str, Any]:
    """Disable (or enable) a client user on the dossier; one left without any dossier is disabled altogether.

    Office staff also log the person out everywhere (their refresh tokens are revoked). A client
    administrator only changes the access to their dossier: the account is re-enabled only when it is on
    no other dossier than those they administer, and logged out only when it is left without any dossier.
    """
    now = deps.clock()
    async with deps.uow() as uow:
        view, user = await _client_user(uow, caller, dossier_id, user_id)
        staff = caller.principal.kind is PrincipalKind.COLLABORATOR
        if active:
            account = await uow.accounts.get(user.user_id, caller.office.id)
            if (account is not None and not account.active
                    and not await _may_touch_account(uow.dossiers, caller, account.id)):
                raise Forbidden("this person's account is disabled and also on other dossiers: ask your office")
        await uow.dossiers.set_client_user(view.id, user.user_id, active=active)
        if active:
            await uow.accounts.update(user.user_id, active=True)
        else:
            left = await uow.dossiers.profiles(user.user_id)
            if staff or not left:
                await uow.accounts.revoke_user_tokens(user.user_id, now)
            if not left:
                await uow.accounts.update(user.user_id, active=False)
        uow.dossier_changed(caller.office, [view.id], "users", caller.user_id)
        return _user_json(await uow.dossiers.client_user(view.id, user.user_id) or user)


async def _may_touch_account(dossiers: Dossiers, caller: Caller, user_id: str) -> bool:
    """Whether the caller may act on a client's account itself (add it, enable it): office staff always, a client
    administrator only when every dossier the account is on, active or not, is one they administer."""
    if caller.principal.kind is PrincipalKind.COLLABORATOR:
        return True
    theirs = {d for d, p in caller.principal.profiles.items() if p is ClientProfile.ADMINISTRATOR}
    return set(await dossiers.dossiers_of_client(user_id)) <= theirs


async def _client_user(uow: UnitOfWork, caller: Caller, dossier_id: str,
                       user_id: str) -> tuple[DossierView, DossierUser]:
    view = await dossier_for(uow.dossiers, caller, dossier_id, "dossier.users.manage", for_update=True)
    user = await uow.dossiers.client_user(view.id, user_id)
    if user is None:
        raise NotFound("no such client user on this dossier")
    return view, user


async def list_api_keys(deps: Deps, caller: Caller, dossier_id: str) -> dict[str, Any]:
    """The dossier's API keys (never the keys themselves)."""
    async with deps.uow() as uow:
        view = await dossier_for(uow.dossiers, caller, dossier_id, "apikey.manage", full=False)
        return {"items": [k.as_json() for k in await uow.api_keys.of_dossier(view.id)]}


async def create_api_key(deps: Deps, caller: Caller, dossier_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """A new API key for one mailbox of the dossier; the key is in this answer only, the database keeps its hash."""
    name, mailbox = values.each(lambda: values.name(body.get("name"), "name", 100),
                                lambda: values.mailbox(body.get("mailbox")))
    prefix, key = new_api_key()
    async with deps.uow() as uow:
        view = await dossier_for(uow.dossiers, caller, dossier_id, "apikey.manage", full=False)
        stored = await uow.api_keys.create(office_id=caller.office.id, dossier_id=view.id, mailbox=mailbox,
                                           name=name, prefix=prefix, key_hash=digest(key), created_by=caller.user_id)
    return {**stored.as_json(), "key": key}


async def revoke_api_key(deps: Deps, caller: Caller, dossier_id: str, key_id: str) -> None:
    """Revoke a key of the dossier: tokens are no longer issued for it, and its live tokens are refused here."""
    async with deps.uow() as uow:
        view = await dossier_for(uow.dossiers, caller, dossier_id, "apikey.manage", full=False)
        stored = await uow.api_keys.get(key_id)
        if stored is None or stored.dossier_id != view.id:
            raise NotFound("no such API key on this dossier")
        await uow.api_keys.revoke(stored.id, deps.clock())
