"""Identity use cases: login with lock-out, rotating refresh tokens, logout, password reset, API-key tokens."""
from __future__ import annotations

import asyncio
import logging
import math
import uuid
from datetime import datetime, timedelta
from typing import Any

from runtime.auth.principal import ApiKeyScope, Principal, PrincipalKind
from runtime.auth.tokens import Unauthenticated

from office.adapters import events
from office.domain import values
from office.domain.credentials import check_password_policy, digest, hash_password, new_secret, verify_password
from office.domain.errors import (
    InvalidInput, InvalidLink, InvalidRefreshToken, LockedOut, LoginFailed, OfficeError, TooManyRequests,
)
from office.domain.office import Office
from office.domain.ports import UnitOfWork
from office.domain.principals import Account, token_claims
from office.domain.tokens import ANY_CLIENT
from office.handlers.context import Caller, Deps, principal_for

log = logging.getLogger(__name__)


async def issue_pair(uow: UnitOfWork, deps: Deps, account: Account, family: str | None = None) -> dict[str, Any]:
    """A new access token and a new refresh token (in ``family``, or a new rotation family)."""
    principal = await principal_for(uow.dossiers, account)
    ttl = deps.settings.office_access_ttl_s
    access = await deps.keyring.issue(principal, ttl, token_claims(account))
    refresh = new_secret()
    expires = deps.clock() + timedelta(days=deps.settings.office_refresh_ttl_days)
    await uow.credentials.add_refresh_token(account.id, family or str(uuid.uuid4()), digest(refresh), expires)
    return {"access_token": access, "refresh_token": refresh, "expires_in": ttl, "token_type": "Bearer"}


async def login(deps: Deps, email: str, password: str, client: str = ANY_CLIENT) -> dict[str, Any]:
    """Tokens for a correct e-mail and password; LoginFailed, or LockedOut after repeated failures.

    The back-off is keyed on e-mail + client address (an attacker locks out their own address), with
    a softer per-e-mail back-off across all addresses that never locks for long (API.md "Throttling").
    """
    address = values.email(email)
    now = deps.clock()
    outcome: OfficeError
    async with deps.uow() as uow:
        here, everywhere, retry = await _lock_state(uow, address, client, now)
        if retry:
            outcome = LockedOut(retry)
        else:
            found = await uow.accounts.by_email(address)
            ok, rehash = await asyncio.to_thread(verify_password, found[1] if found else None, password)
            if ok and found and found[0].active:
                await uow.credentials.reset_attempts(address)
                if rehash:
                    await uow.accounts.update(found[0].id, password_hash=await asyncio.to_thread(hash_password, password))
                log.info("login", extra={"user_id": found[0].id, "office_id": found[0].office_id})
                return await issue_pair(uow, deps, found[0])
            outcome = await _count_failure(uow, deps, address, client, (here + 1, everywhere + 1))
    log.warning("login refused: %s", outcome.message, extra={"email": address, "failures": here + 1})
    raise outcome  # after the commit: the failure stays counted


async def _lock_state(uow: UnitOfWork, address: str, client: str, now: datetime) -> tuple[int, int, int]:
    """(failures from this client, failures from everywhere, seconds still locked: 0 when free)."""
    here, here_until = await uow.credentials.attempts(address, client)
    everywhere, everywhere_until = await uow.credentials.attempts(address, ANY_CLIENT)
    until = max((u for u in (here_until, everywhere_until) if u is not None), default=None)
    return here, everywhere, math.ceil((until - now).total_seconds()) if until and until > now else 0


async def _count_failure(uow: UnitOfWork, deps: Deps, address: str, client: str,
                         failures: tuple[int, int]) -> OfficeError:
    """Store a failed login for the client and for the e-mail; the error to answer (LockedOut once locked)."""
    now = deps.clock()
    lock_here, lock_everywhere = deps.lockout.lock_seconds(failures[0]), deps.email_lockout.lock_seconds(failures[1])
    await uow.credentials.record_failure(address, failures[0],
                                         now + timedelta(seconds=lock_here) if lock_here else None, client)
    await uow.credentials.record_failure(address, failures[1],
                                         now + timedelta(seconds=lock_everywhere) if lock_everywhere else None)
    lock = max(lock_here, lock_everywhere)
    return LockedOut(lock) if lock else LoginFailed()


async def refresh(deps: Deps, refresh_token: str) -> dict[str, Any]:
    """A new token pair for a valid refresh token, which is used up; reuse revokes its whole family."""
    now = deps.clock()
    outcome: OfficeError
    async with deps.uow() as uow:
        token = await uow.credentials.use_refresh_token(digest(refresh_token), now)
        if token is None:
            outcome = InvalidRefreshToken()
        elif token.was_used is not None:
            await uow.credentials.revoke_family(token.family_id, now)
            log.warning("refresh token reused: chain revoked", extra={"user_id": token.user_id})
            outcome = InvalidRefreshToken("refresh token was already used or revoked: sign in again")
        elif token.expires_at <= now:
            outcome = InvalidRefreshToken("refresh token expired: sign in again")
        else:
            account = await uow.accounts.get(token.user_id)
            if account is not None and account.active:
                return await issue_pair(uow, deps, account, token.family_id)
            await uow.credentials.revoke_family(token.family_id, now)
            outcome = InvalidRefreshToken("the account is disabled")
    raise outcome


async def logout(deps: Deps, refresh_token: str) -> None:
    """Revoke the refresh token's family (this device's session); unknown tokens are ignored."""
    async with deps.uow() as uow:
        family = await uow.credentials.family_of(digest(refresh_token))
        if family is not None:
            await uow.credentials.revoke_family(family, deps.clock())


async def send_link(uow: UnitOfWork, deps: Deps, office: Office, account: Account, purpose: str) -> None:
    """Create a one-time link token and ask notify to e-mail it (welcome or password reset), on commit."""
    token = new_secret()
    ttl = (timedelta(days=deps.settings.office_welcome_ttl_days) if purpose == "welcome"
           else timedelta(hours=deps.settings.office_reset_ttl_hours))
    expires = deps.clock() + ttl
    await uow.credentials.add_link_token(account.id, purpose, digest(token), expires)
    template = "user.welcome" if purpose == "welcome" else "user.password_reset"
    uow.publish(events.notification(office, account, template, {
        "link_token": token, "link_path": f"/reset-password?token={token}", "expires_at": expires.isoformat(),
        "email": account.email,
    }))


async def request_password_reset(deps: Deps, email: str, client: str = ANY_CLIENT) -> None:
    """E-mail a reset link to an active account; silent for unknown addresses (no enumeration).

    Rate-limited per e-mail and per client address, whether the account exists or not (TooManyRequests).
    """
    address = values.email(email)
    async with deps.uow() as uow:
        await _throttle_reset(uow, deps, address, client)
        found = await uow.accounts.by_email(address)
        if found is None or not found[0].active:
            return
        office = await uow.offices.get(found[0].office_id)
        assert office is not None  # an account's office exists (foreign key)
        await send_link(uow, deps, office, found[0], "reset")


async def _throttle_reset(uow: UnitOfWork, deps: Deps, address: str, client: str) -> None:
    now, hour = deps.clock(), timedelta(hours=1)
    limits = ((f"email:{address}", deps.settings.office_reset_per_email_per_hour),
              (f"client:{client}", deps.settings.office_reset_per_client_per_hour))
    for bucket, limit in limits:
        count, oldest = await uow.credentials.count_requests(bucket, now - hour)
        if count >= limit:
            wait = math.ceil(((oldest or now) + hour - now).total_seconds())
            raise TooManyRequests(max(wait, 1), "too many password-reset requests: try again later")
    for bucket, _ in limits:
        await uow.credentials.add_request(bucket, now)


async def confirm_password(deps: Deps, token: str, password: str) -> None:
    """Set the password of a reset/welcome link's account; every refresh token of the account is revoked."""
    check_password_policy(password, deps.settings.office_password_min_length)
    password_hash = await asyncio.to_thread(hash_password, password)
    now = deps.clock()
    async with deps.uow() as uow:
        user_id = await uow.credentials.use_link_token(digest(str(token)), now)
        account = await uow.accounts.get(user_id) if user_id else None
        if account is None or not account.active:
            raise InvalidLink()
        await uow.accounts.update(account.id, password_hash=password_hash)
        await uow.accounts.revoke_user_tokens(account.id, now)
        await uow.credentials.reset_attempts(account.email)


async def change_password(deps: Deps, caller: Caller, current: str, new: str) -> None:
    """Change one's own password after checking the current one; other sessions are signed out."""
    assert caller.account is not None
    check_password_policy(new, deps.settings.office_password_min_length, "new_password")
    async with deps.uow() as uow:
        found = await uow.accounts.by_email(caller.account.email)
        ok, _ = await asyncio.to_thread(verify_password, found[1] if found else None, current)
        if not ok:
            raise InvalidInput("current_password", "is not your current password", "wrong_password")
        await uow.accounts.update(caller.account.id, password_hash=await asyncio.to_thread(hash_password, new))
        await uow.accounts.revoke_user_tokens(caller.account.id, deps.clock())


async def api_token(deps: Deps, api_key: str) -> dict[str, Any]:
    """A short-lived token for an integration's API key, scoped to its dossier and mailbox (ING-4)."""
    async with deps.uow() as uow:
        key = await uow.api_keys.by_hash(digest(str(api_key)))
        if key is None or key.revoked_at is not None:
            raise Unauthenticated("the API key is invalid or revoked")
        office_id = await uow.dossiers.office_of(key.dossier_id)
    scope = ApiKeyScope(key.dossier_id, key.mailbox)
    principal = Principal(key.id, PrincipalKind.API_KEY, office_id or key.office_id,
                          api_key_scope=scope)
    ttl = deps.settings.office_api_token_ttl_s
    token = await deps.keyring.issue(principal, ttl, {"name": key.name})
    return {"access_token": token, "token_type": "Bearer", "expires_in": ttl,
            "scope": {"dossier_id": scope.dossier_id, "mailbox": scope.mailbox}}
