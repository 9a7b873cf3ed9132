"""The news section (PLT-3, issue 16): everyone allowed (help.view) reads the office's current news in their
language, with an unread mark in the navigation; the office admin (news.manage) publishes, edits and withdraws
items (withdrawing after a confirmation). The texts are plain text, shown escaped."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Response

from portal import i18n
from portal.adapters.service_errors import ServiceCallError
from portal.domain.news_form import AUDIENCES, SLOTS, body_of, form_field, form_values, safe_link, text_for
from portal.entrypoints.http.feedback import field_errors, message_of
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.web import PageRoute, forbidden, redirect
from portal.i18n import N_

router = APIRouter(route_class=PageRoute)
FIELDS = ("audience", "link", "texts", *(f"{part}_{slot}" for slot in SLOTS for part in ("title", "text")))
CODES = {
    "too_few": N_("Write a title and a text, for all languages or for at least one language."),
    "language": N_("Write the texts in Dutch, French, English or German."),
    "all_and_languages": N_("Write one text for all languages or one per language, not both."),
    "url": N_("Enter an address starting with https:// or http://."),
}
NOTICES = {"published": N_("The news item is published."), "saved": N_("The news item is saved."),
           "withdrawn": N_("The news item is withdrawn. Nobody sees it any more.")}


def _reader_view(item: dict[str, Any], user: User) -> dict[str, Any]:
    shown = text_for(item, user.language, user.me["office"].get("default_language") or "en")
    return {**item, **shown, "link": safe_link(item.get("link"))}


@router.get("/news")
async def news(user: User = Depends(current_user)) -> Response:
    """The current news meant for the user, newest first; opening the page marks them read."""
    if not user.may("help.view"):
        raise forbidden()
    answer = await user.api.news()
    items = [_reader_view(item, user) for item in answer["items"]]
    if answer["unread"]:
        await user.api.news_seen()
    return user.page("news.html", items=items, can_manage=user.may("news.manage"))


@router.get("/news/unread")
async def unread(user: User = Depends(current_user)) -> Response:
    """The navigation's unread mark (loaded by htmx): the count of unread items, nothing when none or unknown."""
    count = 0
    if user.may("help.view"):
        try:
            count = (await user.api.news())["unread"]
        except ServiceCallError:
            count = 0
    return user.page("news_badge.html", count=count)


def _manager(user: User) -> None:
    if not user.may("news.manage"):
        raise forbidden()


def _notice(key: str, language: str) -> str | None:
    if key not in NOTICES:
        return None
    with i18n.activate(language):
        return i18n.gettext_(NOTICES[key])


@router.get("/news/manage")
async def manage(notice: str = "", user: User = Depends(current_user)) -> Response:
    """Every item of the office, withdrawn ones too, with edit and withdraw links."""
    _manager(user)
    items = [_reader_view(item, user) for item in await user.api.all_news()]
    return user.page("news_manage.html", items=items, notice=_notice(notice, user.language), audiences=AUDIENCES)


def _errors(exc: ServiceCallError, language: str) -> tuple[dict[str, str], str]:
    """The office's refusal as messages next to the form's fields, and a general one."""
    if exc.status != 422 or not exc.details:
        return field_errors(exc, FIELDS, language)
    errors: dict[str, str] = {}
    with i18n.activate(language):
        for detail in exc.details:
            known = CODES.get(detail.get("code", ""))
            errors.setdefault(form_field(detail["field"]), i18n.gettext_(known) if known else message_of(detail))
    return errors, ""


def _form(user: User, item_id: str | None, values: dict[str, str], *, status: int = 200,
          errors: dict[str, str] | None = None, form_error: str = "") -> Response:
    return user.page("news_form.html", status=status, item_id=item_id, values=values, errors=errors or {},
                     form_error=form_error, audiences=AUDIENCES, slots=SLOTS)


@router.get("/news/new")
async def new_item(user: User = Depends(current_user)) -> Response:
    _manager(user)
    return _form(user, None, {"audience": "both"})


@router.post("/news/new")
async def publish(user: User = Depends(current_user)) -> Response:
    _manager(user)
    try:
        await user.api.publish_news(body_of(user.form))
    except ServiceCallError as exc:
        errors, general = _errors(exc, user.language)
        return _form(user, None, {k: user.form.get(k) for k in user.form.values},
                     status=exc.status, errors=errors, form_error=general)
    return redirect(user.request, "/news/manage?notice=published")


@router.get("/news/{item_id}/edit")
async def edit_item(item_id: str, user: User = Depends(current_user)) -> Response:
    _manager(user)
    return _form(user, item_id, form_values(await user.api.news_item(item_id)))


@router.post("/news/{item_id}/edit")
async def save(item_id: str, user: User = Depends(current_user)) -> Response:
    _manager(user)
    try:
        await user.api.edit_news(item_id, body_of(user.form))
    except ServiceCallError as exc:
        errors, general = _errors(exc, user.language)
        return _form(user, item_id, {k: user.form.get(k) for k in user.form.values}, status=exc.status,
                     errors=errors, form_error=general)
    return redirect(user.request, "/news/manage?notice=saved")


@router.get("/news/{item_id}/withdraw")
async def confirm_withdraw(item_id: str, user: User = Depends(current_user)) -> Response:
    """Asks before withdrawing: the item's title and a button to confirm or go back."""
    _manager(user)
    item = _reader_view(await user.api.news_item(item_id), user)
    return user.page("news_withdraw.html", item=item)


@router.post("/news/{item_id}/withdraw")
async def withdraw(item_id: str, user: User = Depends(current_user)) -> Response:
    _manager(user)
    if user.form.get("confirm") != "yes":
        return redirect(user.request, f"/news/{item_id}/withdraw")
    await user.api.withdraw_news(item_id)
    return redirect(user.request, "/news/manage?notice=withdrawn")
