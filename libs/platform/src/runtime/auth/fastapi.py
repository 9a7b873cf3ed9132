"""FastAPI dependencies that authenticate the caller and authorize an action on the dossier in the path.

The app provides ``app.state.token_verifier`` (a TokenVerifier) and, for dossier routes,
``app.state.dossier_resolver``: ``async (dossier_id) -> DossierRef | None`` telling which office
owns a dossier (from the service's replica). Without a resolver, a path parameter
``office_id`` names the office. The resolver should fill the dossier's facts
(``DossierRef.from_settings``) for actions whose cells have conditions; a ``mailbox`` path or
query parameter is passed on as the targeted mailbox (API keys are bound to one). Unauthenticated and Forbidden are turned into 401/403 JSON by
runtime.http's error handlers.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace
from typing import Any
from uuid import UUID

from fastapi import Depends, Request

from runtime.auth.policy import DossierRef, Forbidden, authorize
from runtime.auth.principal import Principal
from runtime.auth.tokens import TokenVerifier, Unauthenticated

DossierResolver = Callable[[str], Awaitable[DossierRef | None]]
ReplicaLookup = Callable[[UUID], Awaitable[Mapping[str, Any] | None]]


def bearer_token(request: Request) -> str:
    """The token of an ``Authorization: Bearer`` header; Unauthenticated when missing or malformed."""
    header = request.headers.get("authorization")
    if not header:
        raise Unauthenticated("missing Authorization header")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("Authorization header must be 'Bearer <token>'")
    return token.strip()


async def current_principal(request: Request) -> Principal:
    """The authenticated caller of the request (a FastAPI dependency)."""
    verifier: TokenVerifier | None = getattr(request.app.state, "token_verifier", None)
    if verifier is None:
        raise RuntimeError("app.state.token_verifier is not set: bootstrap must provide a TokenVerifier")
    principal = await verifier.verify(bearer_token(request))
    request.state.principal = principal
    return principal


async def _dossier_of(request: Request, dossier_id: str) -> DossierRef:
    resolver: DossierResolver | None = getattr(request.app.state, "dossier_resolver", None)
    mailbox = request.path_params.get("mailbox") or request.query_params.get("mailbox")
    if resolver is not None:
        ref = await resolver(dossier_id)
        if ref is None:
            raise Forbidden("unknown dossier")  # same answer as a foreign one: existence is not revealed
        return replace(ref, mailbox=str(mailbox)) if mailbox else ref
    office_id = request.path_params.get("office_id")
    if office_id is None:
        raise RuntimeError("no app.state.dossier_resolver and no office_id in the path: cannot place the dossier")
    return DossierRef(office_id=str(office_id), dossier_id=dossier_id, mailbox=str(mailbox) if mailbox else None)


def require(action: str, *, dossier_param: str = "dossier_id") -> Callable[..., Awaitable[Principal]]:
    """A dependency that authorizes ``action`` for the caller on the dossier named by the path parameter.

    Routes without that path parameter authorize the action without a dossier. Returns the
    principal, so ``principal: Principal = Depends(require("document.upload"))`` does both.
    """

    async def dependency(request: Request, principal: Principal = Depends(current_principal)) -> Principal:
        dossier_id = request.path_params.get(dossier_param)
        dossier = await _dossier_of(request, str(dossier_id)) if dossier_id is not None else None
        authorize(principal, action, dossier)
        return principal

    dependency.__name__ = f"require_{action.replace('.', '_')}"
    return dependency


def require_any(*actions: str, dossier_param: str = "dossier_id") -> Callable[..., Awaitable[str]]:
    """A dependency that lets the caller through when any of ``actions`` is allowed on the dossier; it returns
    the first allowed action, so the route can narrow what it answers (e.g. a worklist reader sees only the
    documents that reached the worklist). Refused with the first action's reason otherwise."""
    if not actions:
        raise ValueError("require_any needs at least one action")

    async def dependency(request: Request, principal: Principal = Depends(current_principal)) -> str:
        dossier_id = request.path_params.get(dossier_param)
        dossier = await _dossier_of(request, str(dossier_id)) if dossier_id is not None else None
        refusal: Forbidden | None = None
        for action in actions:
            try:
                authorize(principal, action, dossier)
                return action
            except Forbidden as exc:
                refusal = refusal or exc
        assert refusal is not None
        raise refusal

    dependency.__name__ = "require_any_" + "_".join(a.replace(".", "_") for a in actions)
    return dependency


def replica_resolver(lookup: ReplicaLookup) -> DossierResolver:
    """The dossier resolver of a service that keeps a replica of office's dossiers: ``lookup(dossier_id)`` gives
    the replica's row (with ``office_id`` and ``settings``; with ``users``, ``assignments``, ``admins`` and
    ``status`` the caller's reach on the dossier is also judged from them, runtime.auth.current) or None. A malformed or unknown id resolves to None,
    which is refused like a foreign dossier."""

    async def resolve(dossier_id: str) -> DossierRef | None:
        try:
            key = UUID(dossier_id)
        except ValueError:
            return None
        found = await lookup(key)
        if found is None:
            return None
        return DossierRef.from_replica(str(found["office_id"]), str(key), found)  # its people decide too (issue 15)

    return resolve
