"""The demo seed: `python -m office_bench.demo` creates the demo office and prints its logins.

Idempotent: run it again and it finds what exists, resets the demo passwords and prints the
same logins. It talks to the office database through the office's own use cases, so every
change is published (dossier.changed) by the running office service's outbox relay.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass

from runtime.db import create_pool

from office.__main__ import prepare
from office.config import OfficeSettings
from office.domain.errors import Conflict
from office.domain.office import Office
from office.handlers import access, dossiers, groups, office_settings, provisioning
from office.handlers.context import Caller, Deps

SLUG = "demo"
DOMAIN = "demo.bookingfactory.example"


@dataclass(frozen=True)
class Login:
    """One demo login: who it is and how to sign in."""

    email: str
    password: str
    name: str
    what: str
    kind: str = "collaborator"
    role: str | None = None
    language: str = "nl"


COLLABORATORS = (
    Login(f"admin@{DOMAIN}", "demo-admin-2025", "An Admin", "office ADMIN: office settings, every dossier",
          role="ADMIN"),
    Login(f"collaborator@{DOMAIN}", "demo-collab-2025", "Bart Collaborator",
          "COLLABORATOR: Dupont and Peeters (assigned), Schmitz (client group)", role="COLLABORATOR", language="fr"),
    Login(f"support@{DOMAIN}", "demo-support-2025", "Chris Support", "SUPPORT: worklists of Dupont only",
          role="SUPPORT", language="en"),
)
# (code, name, VAT, validation mode, language, direct booking: entries arrive as final in Tryton, WL-11)
DOSSIERS = (
    ("DUPONT", "Brasserie Dupont SRL", "BE0403170701", "collaborator", "fr", True),
    ("PEETERS", "Bakkerij Peeters BV", "BE0417497106", "hybrid", "nl", False),
    ("SCHMITZ", "Atelier Schmitz GmbH", "BE0202239951", "client", "de", False),
)
CLIENTS = (
    Login(f"administrator@{DOMAIN}", "demo-client-admin", "Dana Administrator",
          "client Administrator (Schmitz and Peeters): everything incl. dossier settings", "client", "ADMINISTRATOR", "de"),
    Login(f"full-access@{DOMAIN}", "demo-client-full", "Erik Full Access", "client Full access (Schmitz)", "client",
          "FULL_ACCESS", "de"),
    Login(f"processing@{DOMAIN}", "demo-client-proc", "Fien Processing",
          "client Document processing (Schmitz): upload and edit", "client", "DOCUMENT_PROCESSING", "nl"),
    Login(f"processing-archive@{DOMAIN}", "demo-client-parc", "Gert Processing Archive",
          "client Document processing + archive (Schmitz)", "client", "DOCUMENT_PROCESSING_ARCHIVE", "nl"),
    Login(f"feedback@{DOMAIN}", "demo-client-feed", "Hanne Feedback",
          "client Full feedback (Schmitz): dashboard, reports, archive", "client", "FULL_FEEDBACK", "fr"),
    Login(f"delivery@{DOMAIN}", "demo-client-deliv", "Ilse Delivery", "client Document delivery (Schmitz): upload only",
          "client", "DOCUMENT_DELIVERY", "en"),
)
OFFICE_SETTINGS = {
    "payment_module": True,
    "permanent_dossier_types": [{"code": "statutes", "name": "Statutes"}, {"code": "contracts", "name": "Contracts"}],
    "app_centre_links": [{"title": "Tryton", "url": "https://www.tryton.org/"}],
    "vat_codes": [{"code": "V21", "rate": "21", "type": "goods", "region": "national", "description": "21 %"},
                  {"code": "V6", "rate": "6", "type": "goods", "region": "national", "description": "6 %"}],
}


async def _dossier(deps: Deps, admin: Caller, code: str, name: str, vat: str, mode: str, language: str,
                   direct: bool) -> str:
    """The demo dossier with this code, created and activated when missing; its demo settings kept right."""
    settings = {"validation_mode": mode, "direct_booking": direct, "keywords": [name.split()[0].lower()]}
    async with deps.uow() as uow:
        existing = [v for v in await uow.dossiers.list_views(admin.office) if v.code == code]
    if existing:
        await dossiers.patch_settings(deps, admin, existing[0].id, settings)  # publishes only when it changed
        return existing[0].id
    created = await dossiers.create_dossier(deps, admin, {
        "name": name, "code": code, "vat_number": vat, "language": language, "settings": settings,
    })
    await dossiers.activate_dossier(deps, admin, created["id"], {
        "accounting": {"software": "tryton", "installation": "local", "dossier_code": code.lower()}})
    return created["id"]


async def _client(deps: Deps, admin: Caller, office: Office, login: Login, dossier_id: str) -> None:
    await provisioning.ensure_account(deps, office, email=login.email, name=login.name, kind="client", role=None,
                                      language=login.language, password=login.password)
    try:
        await access.add_client_user(deps, admin, dossier_id, {"email": login.email, "profile": login.role})
    except Conflict:  # already on the dossier: keep the profile right
        async with deps.uow() as uow:
            user = next(u for u in await uow.dossiers.client_users(dossier_id) if u.email == login.email)
        await access.update_client_user(deps, admin, dossier_id, user.user_id, {"profile": login.role})
        await access.set_client_user_active(deps, admin, dossier_id, user.user_id, True)


async def seed(deps: Deps) -> list[Login]:
    """Create (or find) the demo office, its people and dossiers; returns the logins."""
    office = await provisioning.ensure_office(deps, slug=SLUG, name="Demo Accountants",
                                              portal_name="Demo Accountants · client portal")
    accounts = {}
    for login in COLLABORATORS:
        accounts[login.role] = await provisioning.ensure_account(
            deps, office, email=login.email, name=login.name, role=login.role, language=login.language,
            password=login.password)
    admin = await provisioning.caller_of(deps, accounts["ADMIN"])
    await office_settings.patch_office(deps, admin, OFFICE_SETTINGS)
    admin = await provisioning.caller_of(deps, accounts["ADMIN"])
    ids = {code: await _dossier(deps, admin, code, name, vat, mode, lang, direct)
           for code, name, vat, mode, lang, direct in DOSSIERS}
    collab, support = accounts["COLLABORATOR"].id, accounts["SUPPORT"].id
    await access.put_assignments(deps, admin, ids["DUPONT"], {"collaborators": [
        {"collaborator_id": collab}, {"collaborator_id": support, "worklists_only": True}]})
    await access.put_assignments(deps, admin, ids["PEETERS"], {"collaborators": [{"collaborator_id": collab}]})
    await _client_group(deps, admin, ids["SCHMITZ"], collab)
    for login in CLIENTS:
        await _client(deps, admin, office, login, ids["SCHMITZ"])
    await _client(deps, admin, office, CLIENTS[0], ids["PEETERS"])
    return [*COLLABORATORS, *CLIENTS]


async def _client_group(deps: Deps, admin: Caller, dossier_id: str, collaborator_id: str) -> None:
    body = {"name": "Groupe Schmitz", "dossiers": [dossier_id], "collaborators": [collaborator_id]}
    existing = [g for g in (await groups.list_groups(deps, admin, groups.CLIENT_GROUPS))["items"]
                if g["name"] == body["name"]]
    await groups.save_group(deps, admin, groups.CLIENT_GROUPS, body, existing[0]["id"] if existing else None)


def render(logins: list[Login], settings: OfficeSettings) -> str:
    """The logins as a table to print."""
    try:
        portal = settings.service_url("portal")
    except LookupError:
        portal = "http://127.0.0.1:8100"
    lines = [f"Demo office '{SLUG}' ({portal}/?office={SLUG}); logins (e-mail / password / what):"]
    width = max(len(login.email) for login in logins)
    lines += [f"  {login.email:<{width}}  {login.password:<18}  {login.what}" for login in logins]
    return "\n".join(lines)


async def main() -> None:
    """Seed the demo office in the office database and print the logins."""
    settings = OfficeSettings(service="office")
    await prepare(settings)
    pool = await create_pool(settings.dsn())
    try:
        logins = await seed(Deps.on(pool, settings))
    finally:
        await pool.close()
    print(render(logins, settings))


if __name__ == "__main__":
    asyncio.run(main())
