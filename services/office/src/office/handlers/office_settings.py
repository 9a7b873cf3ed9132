"""Office use cases: the public login-page view and the office settings (OFF-1, OFF-3)."""
from __future__ import annotations

from typing import Any

from office.domain.errors import NotFound
from office.domain.office import DOSSIER_AFFECTING, NAMED, Office, parse_office_patch, patched_settings, public
from office.handlers.context import Caller, Deps, every_dossier_changed


async def public_office(deps: Deps, slug: str) -> dict[str, Any]:
    """What the login page shows about an office (portal name, OFF-1); NotFound for an unknown slug."""
    async with deps.uow() as uow:
        office = await uow.offices.by_slug(slug)
    if office is None:
        raise NotFound("no office with this address")
    return public(office)


def office_json(office: Office) -> dict[str, Any]:
    """The API form of the office and its settings."""
    return office.as_json()


async def get_office(caller: Caller) -> dict[str, Any]:
    """The caller's office with its settings."""
    caller.may("office.settings.view")
    return office_json(caller.office)


async def patch_office(deps: Deps, caller: Caller, body: Any) -> dict[str, Any]:
    """Change office settings; dossiers whose effective settings depend on them are republished."""
    caller.may("office.settings.edit")
    patch, keys = parse_office_patch(body)
    async with deps.uow() as uow:
        office = await uow.offices.get(caller.office.id, for_update=True)
        assert office is not None  # the caller's office (authenticate found it)
        settings = patched_settings(office.settings(), patch, keys)
        named = {**{k: getattr(office, k) for k in NAMED}, **{k: getattr(patch, k) for k in keys & set(NAMED)}}
        updated = Office.of(id=office.id, slug=office.slug, **named, settings=settings)
        await uow.offices.save(updated)
        if keys & DOSSIER_AFFECTING:
            await every_dossier_changed(uow, updated, "settings", caller.user_id)
    return office_json(updated)
