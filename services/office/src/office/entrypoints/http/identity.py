"""Public and identity routes: login page data, JWKS, login, refresh, logout, password reset, API tokens, /me."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends, Request, Response
from pydantic import BaseModel, Field

from office.entrypoints.http.common import caller, client_address, deps_of
from office.handlers import identity, me, office_settings
from office.handlers.context import Caller

router = APIRouter()


class LoginBody(BaseModel):
    """E-mail and password."""

    email: str = Field(max_length=254)
    password: str = Field(max_length=1024)


class RefreshBody(BaseModel):
    """A refresh token."""

    refresh_token: str = Field(max_length=200)


class ResetBody(BaseModel):
    """The e-mail of the account to reset."""

    email: str = Field(max_length=254)


class ConfirmBody(BaseModel):
    """A reset/welcome link token and the new password."""

    token: str = Field(max_length=200)
    password: str = Field(max_length=1024)


class ApiKeyBody(BaseModel):
    """An integration's API key."""

    api_key: str = Field(max_length=200)


class PasswordBody(BaseModel):
    """The current and the new password."""

    current_password: str = Field(max_length=1024)
    new_password: str = Field(max_length=1024)


@router.get("/public/offices/{slug}")
async def public_office(slug: str, request: Request) -> dict[str, Any]:
    return await office_settings.public_office(deps_of(request), slug)


@router.get("/.well-known/jwks.json")
async def jwks(request: Request) -> dict[str, Any]:
    return await deps_of(request).keyring.public_jwks()


@router.post("/auth/login")
async def login(body: LoginBody, request: Request) -> dict[str, Any]:
    return await identity.login(deps_of(request), body.email, body.password, client_address(request))


@router.post("/auth/refresh")
async def refresh(body: RefreshBody, request: Request) -> dict[str, Any]:
    return await identity.refresh(deps_of(request), body.refresh_token)


@router.post("/auth/logout", status_code=204)
async def logout(body: RefreshBody, request: Request) -> Response:
    await identity.logout(deps_of(request), body.refresh_token)
    return Response(status_code=204)


@router.post("/auth/password-reset", status_code=202)
async def password_reset(body: ResetBody, request: Request) -> dict[str, str]:
    await identity.request_password_reset(deps_of(request), body.email, client_address(request))
    return {"status": "accepted"}


@router.post("/auth/password-reset/confirm", status_code=204)
async def password_reset_confirm(body: ConfirmBody, request: Request) -> Response:
    await identity.confirm_password(deps_of(request), body.token, body.password)
    return Response(status_code=204)


@router.post("/auth/api-token")
async def api_token(body: ApiKeyBody, request: Request) -> dict[str, Any]:
    return await identity.api_token(deps_of(request), body.api_key)


@router.get("/me")
async def get_me(request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    return await me.get_me(deps_of(request), who)


@router.patch("/me")
async def patch_me(request: Request, body: dict[str, Any] = Body(...), who: Caller = Depends(caller)) -> dict[str, Any]:
    return await me.patch_me(deps_of(request), who, body)


@router.post("/me/password", status_code=204)
async def change_password(body: PasswordBody, request: Request, who: Caller = Depends(caller)) -> Response:
    who.may("self.edit")
    await identity.change_password(deps_of(request), who, body.current_password, body.new_password)
    return Response(status_code=204)
