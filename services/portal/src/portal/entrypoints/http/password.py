"""Password pages: ask for a reset link, and choose a password from a welcome or reset e-mail's link."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from portal import i18n
from portal.adapters.service_errors import ServiceCallError
from portal.entrypoints.http.feedback import field_errors
from portal.entrypoints.http.guard import Visitor, visitor
from portal.entrypoints.http.web import PageRoute, client_of, redirect
from portal.i18n import N_

router = APIRouter(route_class=PageRoute)
SENT = N_("If this address belongs to an account, an e-mail with a link is on its way.")
MISMATCH = N_("The two passwords are not the same.")
TOO_SHORT = N_("Use at least 10 characters.")
TOO_MANY_RESETS = N_("Too many reset requests for now. Try again later or check your mailbox for the last link.")
BAD_LINK = N_("This link is no longer valid. Ask for a new one.")


@router.get("/forgot-password")
async def forgot_page(v: Visitor = Depends(visitor)) -> Response:
    return v.page("password_forgot.html", message=None, form_error=None)


@router.post("/forgot-password")
async def forgot(v: Visitor = Depends(visitor)) -> Response:
    email = v.form.get("email")
    try:
        await v.portal.office.call("POST", "/auth/password-reset", json={"email": email},
                                   headers={"X-Forwarded-For": client_of(v.request)})
    except ServiceCallError as exc:
        errors, general = field_errors(exc, ("email",), v.language)
        if exc.status == 429:
            with i18n.activate(v.language):
                general = i18n.gettext_(TOO_MANY_RESETS)
        return v.page("password_forgot.html", status=exc.status, message=None, form_error=general,
                      errors=errors, values={"email": email})
    with i18n.activate(v.language):
        return v.page("password_forgot.html", message=i18n.gettext_(SENT), form_error=None)


@router.get("/reset-password")
async def reset_page(token: str = "", v: Visitor = Depends(visitor)) -> Response:
    return v.page("password_reset.html", token=token, form_error=None)


@router.post("/reset-password")
async def reset(v: Visitor = Depends(visitor)) -> Response:
    token = v.form.get("token")
    password, again = v.form.values.get("password", [""])[-1], v.form.values.get("password_again", [""])[-1]
    with i18n.activate(v.language):
        if password != again:
            errors = {"password_again": i18n.gettext_(MISMATCH)}
        elif len(password) < 10:
            errors = {"password": i18n.gettext_(TOO_SHORT)}
        else:
            errors = {}
        if errors:
            return v.page("password_reset.html", status=422, token=token, errors=errors, form_error=None)
        try:
            await v.portal.office.call("POST", "/auth/password-reset/confirm", json={"token": token, "password": password})
        except ServiceCallError as exc:
            errors, general = field_errors(exc, ("password",), v.language)
            message = general or (None if errors else i18n.gettext_(BAD_LINK))
            if exc.status in (400, 401, 404, 410):
                message = i18n.gettext_(BAD_LINK)
            return v.page("password_reset.html", status=exc.status, token=token, errors=errors, form_error=message)
    return redirect(v.request, "/login?reset=done")
