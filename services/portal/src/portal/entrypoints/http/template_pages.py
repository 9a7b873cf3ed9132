"""The office's Templates page (COM-5, COM-6; issue 16), for who may manage templates (template.manage): the
standard mails of notify in NL/FR/DE/EN with the office's own versions (edit with the placeholders listed and
notify's preview, back to the standard text after a confirmation), and the office's conversation templates (add,
delete after a confirmation). notify checks and renders every text; what it refuses is said in the reader's
language. Texts are shown escaped."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Response

from portal import i18n
from portal.adapters.notify import NotifyClient
from portal.adapters.service_errors import ServiceCallError
from portal.domain.mail_templates import CONVERSATION_PLACEHOLDERS, LANGUAGES, grid, placeholders, purpose
from portal.entrypoints.http.feedback import field_errors
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.message_nav import notify_for
from portal.entrypoints.http.web import PageError, PageRoute, forbidden, redirect
from portal.i18n import N_
from portal.i18n.error_codes import say_error

router = APIRouter(route_class=PageRoute)
HOME = "/office/templates"
LIMITS = {"name": 100, "subject": 200, "body": 5000}  # notify's bounds of a conversation template
NOTICES = {"saved": N_("The template is saved."), "reset": N_("The standard text is used again."),
           "added": N_("The conversation template is added."), "deleted": N_("The conversation template is deleted.")}
REQUIRED, TOO_LONG = N_("Fill in this field."), N_("This is too long.")
CHOOSE_LANGUAGE = N_("Choose one of the offered values.")


def _notify(user: User) -> NotifyClient:
    if not user.may("template.manage"):
        raise forbidden()
    return notify_for(user)


def _language(language: str) -> str:
    if language not in LANGUAGES:
        raise _not_found()
    return language


def _said(text: str, language: str) -> str:
    with i18n.activate(language):
        return i18n.gettext_(text)


async def _home(user: User, api: NotifyClient, *, status: int = 200, notice: str = "",
                values: dict[str, str] | None = None, errors: dict[str, str] | None = None,
                form_error: str = "") -> Response:
    mails = grid(await api.mail_templates())
    own = sorted(await api.conversation_templates(), key=lambda t: (t["language"], t["name"].lower()))
    return user.page("templates.html", status=status, mails=mails, languages=LANGUAGES, conversation_templates=own,
                     notice=_said(NOTICES[notice], user.language) if notice in NOTICES else None,
                     values=values or {"language": user.language}, errors=errors or {}, form_error=form_error,
                     placeholders=CONVERSATION_PLACEHOLDERS)


@router.get("/office/templates")
async def templates(notice: str = "", user: User = Depends(current_user)) -> Response:
    """The standard mails per language (changed by the office or not) and the office's conversation templates."""
    return await _home(user, _notify(user), notice=notice)


def _mail_form(user: User, key: str, language: str, values: dict[str, Any], *, status: int = 200,
               errors: dict[str, str] | None = None, form_error: str = "", detail: str = "",
               preview: dict[str, Any] | None = None, notice: str = "") -> Response:
    return user.page("template_mail.html", status=status, key=key, language=language, purpose=purpose(key),
                     values=values, placeholders=placeholders(key), errors=errors or {}, form_error=form_error,
                     detail=detail, preview=preview, notice=_said(NOTICES[notice], user.language) if notice else None)


@router.get("/office/templates/mail/{key}/{language}")
async def mail_template(key: str, language: str, user: User = Depends(current_user)) -> Response:
    """The mail in force for the office (its own version or the standard) in an edit form."""
    api = _notify(user)
    return _mail_form(user, key, _language(language), await api.mail_template(key, language))


def _blank(names: tuple[str, ...], values: dict[str, str], language: str) -> dict[str, str]:
    return {n: _said(REQUIRED, language) for n in names if not values.get(n, "").strip()}


@router.post("/office/templates/mail/{key}/{language}")
async def save_mail_template(key: str, language: str, user: User = Depends(current_user)) -> Response:
    """Saves the office's version: notify renders it with sample values and answers the preview shown here."""
    api = _notify(user)
    current = await api.mail_template(key, _language(language))
    values = {**current, "subject": user.form.get("subject"), "body": user.form.get("body")}
    errors = _blank(("subject", "body"), values, user.language)
    if errors:
        return _mail_form(user, key, language, values, status=422, errors=errors)
    try:
        saved = await api.save_mail_template(key, language, values["subject"], values["body"], current.get("html"))
    except ServiceCallError as exc:
        if exc.code != "invalid_template":
            errors, general = field_errors(exc, ("subject", "body"), user.language)
            return _mail_form(user, key, language, values, status=exc.status, errors=errors, form_error=general)
        return _mail_form(user, key, language, values, status=422, detail=exc.message,
                          form_error=say_error(exc.code, exc.params, user.language, exc.message))
    return _mail_form(user, key, language, {**values, "source": "office"}, preview=saved.get("preview"),
                      notice="saved")


@router.get("/office/templates/mail/{key}/{language}/reset")
async def confirm_reset(key: str, language: str, user: User = Depends(current_user)) -> Response:
    """Asks before going back to the standard text: the office's version is deleted."""
    api = _notify(user)
    template = await api.mail_template(key, _language(language))
    return user.page("template_reset.html", key=key, language=language, purpose=purpose(key), current=template)


@router.post("/office/templates/mail/{key}/{language}/reset")
async def reset(key: str, language: str, user: User = Depends(current_user)) -> Response:
    api = _notify(user)
    _language(language)
    if user.form.get("confirm") != "yes":
        return redirect(user.request, f"{HOME}/mail/{key}/{language}/reset")
    await api.reset_mail_template(key, language)
    return redirect(user.request, f"{HOME}?notice=reset")


def _conversation_errors(values: dict[str, str], language: str) -> dict[str, str]:
    """The fields of a new conversation template that notify would refuse, named in the user's language."""
    errors = _blank(("name", "subject", "body"), values, language)
    for name, limit in LIMITS.items():
        if name not in errors and len(values[name].strip()) > limit:
            errors[name] = f"{_said(TOO_LONG, language)} (max. {limit})"
    if values["language"] not in LANGUAGES:
        errors["language"] = _said(CHOOSE_LANGUAGE, language)
    return errors


@router.post("/office/templates/conversation")
async def add_conversation_template(user: User = Depends(current_user)) -> Response:
    """Adds an office conversation template (name, language, subject, text with placeholders)."""
    api = _notify(user)
    values = {name: user.form.get(name) for name in ("name", "language", "subject", "body")}
    errors = _conversation_errors(values, user.language)
    if errors:
        return await _home(user, api, status=422, values=values, errors=errors)
    try:
        await api.add_conversation_template(values["name"].strip(), values["language"], values["subject"].strip(),
                                            values["body"].strip())
    except ServiceCallError as exc:
        errors, general = field_errors(exc, tuple(values), user.language)
        return await _home(user, api, status=exc.status, values=values, errors=errors, form_error=general)
    return redirect(user.request, f"{HOME}?notice=added")


def _not_found() -> PageError:
    return PageError(404, N_("Not found"), N_("This item does not exist or is not yours to see."))


def _template_id(template_id: str) -> str:
    try:
        return str(UUID(template_id))
    except ValueError:
        raise _not_found() from None


async def _own(api: NotifyClient, template_id: str) -> dict[str, Any]:
    wanted = _template_id(template_id)
    found = next((t for t in await api.conversation_templates() if str(t["id"]) == wanted), None)
    if found is None:
        raise _not_found()
    return found


@router.get("/office/templates/conversation/{template_id}/delete")
async def confirm_delete(template_id: str, user: User = Depends(current_user)) -> Response:
    """Asks before deleting a conversation template: its name and language, confirm or go back."""
    template = await _own(_notify(user), template_id)
    return user.page("template_delete.html", item=template)


@router.post("/office/templates/conversation/{template_id}/delete")
async def delete_conversation_template(template_id: str, user: User = Depends(current_user)) -> Response:
    api = _notify(user)
    if user.form.get("confirm") != "yes":
        return redirect(user.request, f"{HOME}/conversation/{template_id}/delete")
    await api.delete_conversation_template(_template_id(template_id))
    return redirect(user.request, f"{HOME}?notice=deleted")
