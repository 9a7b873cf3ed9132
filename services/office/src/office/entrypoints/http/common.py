"""What every office route shares: its dependencies (runtime.http.deps), the client's address and the authenticated
caller (domain errors are runtime ServiceErrors, answered by the runtime's handler)."""
from __future__ import annotations

from fastapi import Request
from runtime.auth.fastapi import bearer_token
from runtime.http import deps
from runtime.proxies import TrustedProxies

from office.handlers.context import Caller, Deps, authenticate


def deps_of(request: Request) -> Deps:
    """The office's dependencies, built once at start (runtime.http.deps, typed)."""
    return deps(request)


def client_address(request: Request) -> str:
    """The client's address: the peer, or the last X-Forwarded-For hop when the peer is a trusted proxy (the portal)."""
    peer = request.client.host if request.client else "unknown"
    trusted = TrustedProxies(deps_of(request).settings.office_trusted_proxies)  # addresses or networks
    forwarded = [h.strip() for h in request.headers.get("x-forwarded-for", "").split(",") if h.strip()]
    return forwarded[-1][:64] if trusted.contains(peer) and forwarded else peer


async def caller(request: Request) -> Caller:
    """The authenticated caller of the request (a FastAPI dependency)."""
    return await authenticate(deps_of(request), bearer_token(request))
