"""The caller's own account: who they are, their office and the dossiers they may see (GET/PATCH /me)."""
from __future__ import annotations

from typing import Any

from office.domain import values
from office.domain.dossier import summary
from office.domain.errors import InvalidInput
from office.domain.principals import Account
from office.handlers.context import Caller, Deps
from office.handlers.dossiers import access_of, visible


def _user(account: Account) -> dict[str, Any]:
    return {"id": account.id, "email": account.email, "name": account.name, "language": account.language,
            "kind": account.kind, "role": account.role}


async def get_me(deps: Deps, caller: Caller) -> dict[str, Any]:
    """The caller, their office (with its portal name) and their visible dossiers with profile or access."""
    caller.may("self.view")
    assert caller.account is not None
    async with deps.uow() as uow:
        views = await visible(uow.dossiers, caller)
    mine = caller.office
    office = {"id": mine.id, "slug": mine.slug, "name": mine.name, "portal_name": mine.portal_name,
              "default_language": mine.default_language, "dossier_activation": mine.dossier_activation,
              # OFF-3: every user of the portal sees the office's instruction videos and app-centre links
              "instruction_videos": list(mine.instruction_videos or []),
              "app_centre_links": list(mine.app_centre_links or [])}
    return {"user": _user(caller.account), "office": office,
            "dossiers": [summary(v, *access_of(caller, v)) for v in views]}


async def patch_me(deps: Deps, caller: Caller, body: dict[str, Any]) -> dict[str, Any]:
    """Change one's own language (nl, fr, en, de) or name; dossier snapshots naming the user follow."""
    caller.may("self.edit")
    assert caller.account is not None
    unknown = sorted(set(body) - {"language", "name"})
    if unknown:
        raise InvalidInput(unknown[0], "cannot be changed here", "unknown")
    changes = {k: parse(body[k], k) for k, parse in (("language", values.language), ("name", values.name)) if k in body}
    if changes:
        async with deps.uow() as uow:
            account = await uow.accounts.update(caller.account.id, **changes)
            ids = (await uow.dossiers.dossiers_of_client(account.id) if account.kind == "client"
                   else await uow.dossiers.dossiers_reached_by(account.id))
            office = await uow.offices.get(caller.office.id) or caller.office
            uow.dossier_changed(office, ids, "users" if account.kind == "client" else "assignments", account.id)
        caller = Caller(caller.principal, account, caller.office)
    return await get_me(deps, caller)
