"""What every office use case gets: its dependencies (Deps) and the authenticated caller (Caller)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from datetime import datetime, timezone

import asyncpg
from runtime.auth.policy import DossierRef, Forbidden, authorize
from runtime.auth.principal import Principal, PrincipalKind
from runtime.auth.tokens import Unauthenticated

from office.adapters.keyring import KeyRing
from office.adapters.unit_of_work import PgUnitOfWork
from office.config import OfficeSettings
from office.domain.dossier import DossierView
from office.domain.lockout import LockoutPolicy
from office.domain.office import Office
from office.domain.ports import Dossiers, UnitOfWork
from office.domain.principals import Account, principal_of


def utc_now() -> datetime:
    """The current time in UTC (the production clock)."""
    return datetime.now(timezone.utc)


@dataclass
class Deps:
    """The office service's dependencies, built once at start (bootstrap.build_deps, ServiceSpec.deps) and handed
    to every use case, event handler and route (runtime.http.deps)."""

    pool: asyncpg.Pool
    settings: OfficeSettings
    keyring: KeyRing
    clock: Callable[[], datetime] = utc_now
    unit_of_work: Callable[[], UnitOfWork] | None = None  # None: PgUnitOfWork on the pool; unit tests give a fake

    @classmethod
    def on(cls, pool: asyncpg.Pool, settings: OfficeSettings, clock: Callable[[], datetime] = utc_now) -> Deps:
        """The dependencies on an open pool: the keyring (signing keys read from the database when first needed)
        and the clock. The service builds them so at start; tests, the demo seed and benchmarks on their own pool
        and clock."""
        return cls(pool=pool, settings=settings, keyring=KeyRing(partial(PgUnitOfWork, pool), settings, clock),
                   clock=clock)

    @property
    def lockout(self) -> LockoutPolicy:
        s = self.settings
        return LockoutPolicy(s.office_lockout_threshold, s.office_lockout_base_s, s.office_lockout_max_s)

    @property
    def email_lockout(self) -> LockoutPolicy:
        """The softer back-off of one e-mail across all client addresses (never long: no lasting lock-out)."""
        s = self.settings
        return LockoutPolicy(s.office_lockout_email_threshold, s.office_lockout_email_base_s,
                             s.office_lockout_email_max_s)

    @staticmethod
    def within(conn: asyncpg.Connection, deps: Deps | None) -> UnitOfWork:
        """A unit of work in a Kafka handler's inbox transaction (the inbox commits it); the fake when the deps
        have one."""
        if deps is not None and deps.unit_of_work is not None:
            return deps.unit_of_work()
        return PgUnitOfWork.within(conn)

    def uow(self) -> UnitOfWork:
        """A new unit of work (one transaction; the recorded dossier changes reach the outbox on commit)."""
        return self.unit_of_work() if self.unit_of_work is not None else PgUnitOfWork(self.pool)


@dataclass(frozen=True)
class Caller:
    """The authenticated caller: a fresh principal, their account (None for API keys) and their office."""

    principal: Principal
    account: Account | None
    office: Office

    @property
    def user_id(self) -> str | None:
        return self.account.id if self.account else None

    def may(self, action: str, dossier: DossierRef | None = None) -> None:
        """Raise Forbidden unless the matrix lets the caller do the action (on the dossier)."""
        authorize(self.principal, action, dossier)


async def principal_for(dossiers: Dossiers, account: Account) -> Principal:
    """The principal of an account as the repository says now (assignments, groups, profiles)."""
    if account.kind == "collaborator":
        reach = await dossiers.reach(account.id)
        return principal_of(account, assigned=reach.assigned, via_groups=reach.grouped,
                            worklists_only=reach.worklists_only)
    return principal_of(account, profiles=await dossiers.profiles(account.id))


async def authenticate(deps: Deps, token: str) -> Caller:
    """The caller of a bearer token, re-read from the database: disabled users and revoked keys are refused."""
    principal = await deps.keyring.verify(token)
    async with deps.uow() as uow:
        office = await uow.offices.get(principal.office_id)
        if office is None:
            raise Unauthenticated("the token's office does not exist")
        if principal.kind is PrincipalKind.API_KEY:
            key = await uow.api_keys.get(principal.subject)
            if key is None or key.revoked_at is not None or key.office_id != principal.office_id:
                raise Unauthenticated("the API key was revoked")
            return Caller(principal, None, office)
        account = await uow.accounts.get(principal.subject, principal.office_id)
        if account is None or not account.active:
            raise Unauthenticated("the account is disabled")
        return Caller(await principal_for(uow.dossiers, account), account, office)


async def every_dossier_changed(uow: UnitOfWork, office: Office, change: str, actor: str | None) -> None:
    """Record every dossier of the office as changed: an office-wide fact of their snapshots changed (office
    settings, or the office's admins, whom each snapshot names so other services judge a role as it is now, issue
    15)."""
    uow.dossier_changed(office, await uow.dossiers.ids_of_office(office.id), change, actor)


def ref_of(view: DossierView, mailbox: str | None = None) -> DossierRef:
    """The policy's view of a dossier: its office and the facts of its effective settings."""
    return DossierRef.from_settings(view.office_id, view.id, view.settings, mailbox=mailbox)


async def dossier_for(dossiers: Dossiers, caller: Caller, dossier_id: str, action: str, *,
                      full: bool = True, for_update: bool = False) -> DossierView:
    """The dossier if the caller may do the action on it; Forbidden for another office's or an unknown dossier."""
    view = await dossiers.load(dossier_id, caller.office, full=full, for_update=for_update)
    if view is None:
        owner = await dossiers.office_of(dossier_id)
        if owner is not None:
            caller.may(action, DossierRef(owner, dossier_id))  # another office: always refused
        raise Forbidden("unknown dossier")  # same answer as a foreign one: existence is not revealed
    caller.may(action, ref_of(view))
    return view
