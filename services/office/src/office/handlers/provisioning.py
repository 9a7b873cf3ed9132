"""Setting up an office from the command line (demo seed, a new installation): office, first admin, passwords."""
from __future__ import annotations

import asyncio

from office.domain import values
from office.domain.credentials import check_password_policy, hash_password
from office.domain.errors import Conflict
from office.domain.office import SLUG, Office
from office.domain.principals import Account
from office.handlers.context import Caller, Deps, every_dossier_changed, principal_for


async def ensure_office(deps: Deps, *, slug: str, name: str, portal_name: str, language: str = "nl") -> Office:
    """The office with this slug, created when missing (idempotent)."""
    if not SLUG.match(slug):
        raise ValueError(f"office slug {slug!r}: lower-case letters, digits and '-'")
    async with deps.uow() as uow:
        office = await uow.offices.by_slug(slug)
        if office is None:
            await uow.offices.create(slug=slug, name=name, portal_name=portal_name, language=values.language(language))
            office = await uow.offices.by_slug(slug)
    assert office is not None
    return office


async def ensure_account(deps: Deps, office: Office, *, email: str, name: str, kind: str = "collaborator",
                         role: str | None = "ADMIN", language: str = "nl", password: str | None = None,
                         password_hash: str | None = None) -> Account:
    """The account with this e-mail in the office, created when missing; a password (or its hash) is (re)set when given."""
    address = values.email(email)
    if password is not None:
        check_password_policy(password, deps.settings.office_password_min_length)
        password_hash = await asyncio.to_thread(hash_password, password)
    async with deps.uow() as uow:
        found = await uow.accounts.by_email(address)
        if found is None:
            account = await uow.accounts.create(office_id=office.id, kind=kind, email=address, name=name,
                                                language=language, role=role if kind == "collaborator" else None,
                                                password_hash=password_hash)
            new_admin = account.role == "ADMIN"
        elif found[0].office_id != office.id:
            raise Conflict(f"{address} belongs to another office", field="email", reason="email_taken")
        else:
            account, was_active = found[0], found[0].active
            if password_hash is not None:
                account = await uow.accounts.update(account.id, password_hash=password_hash, active=True)
            new_admin = account.role == "ADMIN" and not was_active
        if new_admin:  # a new (or enabled again) admin: every dossier's snapshot names the admins (issue 15)
            await every_dossier_changed(uow, office, "assignments", None)
    return account


async def caller_of(deps: Deps, account: Account) -> Caller:
    """The caller an account would be after logging in (for scripts acting as a user)."""
    async with deps.uow() as uow:
        office = await uow.offices.get(account.office_id)
        fresh = await uow.accounts.get(account.id)
        assert office is not None and fresh is not None
        return Caller(await principal_for(uow.dossiers, fresh), fresh, office)
