"""Turning a service's errors into messages a person can act on, placed next to the field they concern.

The office names every bad field with a stable ``code``; the portal says it in the user's language
(``CODES``) and falls back to the office's English explanation for a code it does not know. An error's own code
is said from i18n.error_codes.
"""
from __future__ import annotations

from collections.abc import Iterable

from portal import i18n
from portal.adapters.service_errors import ServiceCallError, ServiceUnavailable
from portal.i18n import N_
from portal.i18n.error_codes import say_error

CODES = {
    "required": N_("This field is required."),
    "too_short": N_("Fill in this field."),
    "too_long": N_("This is too long."),
    "too_many": N_("There are too many entries."),
    "choice": N_("Choose one of the offered values."),
    "pattern": N_("This value does not have the expected form."),
    "unknown": N_("This field cannot be changed here."),
    "integer": N_("Enter a whole number."),
    "too_small": N_("This number is too small."),
    "email": N_("Enter a valid e-mail address."),
    "length": N_("Fill in this field (it may not be too long)."),
    "vat_number": N_("Enter a valid EU VAT number, for example BE0123456749."),
    "code_format": N_("Use letters, digits, '-' and '_' only (at most 30)."),
    "date": N_("Enter a date (YYYY-MM-DD)."),
    "unknown_reference": N_("This choice no longer exists. Reload the page."),
    "wrong_password": N_("This is not your current password."),
    "number_format": N_("The number format needs {seq}. Known parts: {seq}, {year}, {month}, {prefix}; for example {year}/{seq:05}."),
    "account": N_("Account numbers have 1 to 10 digits, for example 400000."),
    "sender": N_("Allowed senders are e-mail addresses or @domain."),
    "url": N_("Enter an address starting with https:// or http://."),
    "unique": N_("Each alias may appear only once."),
    "keyword": N_("Each keyword has 1 to 50 characters."),
    # conflicts (409): the office's reason
    "email_taken": N_("This e-mail address is already in use."),
    "code_taken": N_("This code is already in use."),
    "already_user": N_("This person is already a user of the dossier."),
    "already_active": N_("This dossier is already active."),
    "cannot_disable_self": N_("You cannot disable your own account."),
    "last_admin": N_("The office needs at least one active administrator."),
    "name_taken": N_("A group with this name already exists."),
}
INVALID = N_("Please check this value")
NOT_ALLOWED = N_("Your role or profile does not allow this change.")
REFUSED = N_("The request was refused.")
UNAVAILABLE = N_("The office service did not answer. Nothing was changed; try again in a moment.")


def message_of(detail: dict[str, str]) -> str:
    """One field's message in the active language: the code's text, or the office's own words."""
    known = CODES.get(detail.get("code", ""))
    return i18n.gettext_(known) if known else f"{i18n.gettext_(INVALID)}: {detail.get('message', '')}"


def leaf(path: str) -> str:
    """The last named part of a dotted field path (``settings.journals.1.alias`` → ``alias``)."""
    return next((p for p in reversed(path.split(".")) if not p.isdigit()), path)


def field_errors(exc: ServiceCallError, fields: Iterable[str], language: str) -> tuple[dict[str, str], str]:
    """Per-field messages and a general message for a service's error, in the user's language.

    Fields the service names (422, and 409 conflicts) that the form shows get their message next to them;
    the others, and errors that name no field, become the general message at the top of the form: the error's
    code said in the user's language (i18n.error_codes), the service's words for a code the portal does not know.
    """
    shown = set(fields)
    with i18n.activate(language):
        t = i18n.gettext_
        if isinstance(exc, ServiceUnavailable):
            return {}, t(UNAVAILABLE)
        if exc.status in (409, 422) and exc.details:
            errors: dict[str, str] = {}
            rest: list[str] = []
            for detail in exc.details:
                name = leaf(detail["field"])
                if name in shown:
                    errors.setdefault(name, message_of(detail))
                else:
                    rest.append(f"{detail['field']}: {message_of(detail)}")
            return errors, "; ".join(rest)
        if exc.status == 409:
            reason = CODES.get(exc.reason or _reason(exc))
            return {}, t(reason) if reason else say_error(exc.code, exc.params, language, exc.message)
        if exc.status == 403:
            return {}, t(NOT_ALLOWED)
        return {}, say_error(exc.code, exc.params, language, exc.message or t(REFUSED))


def _reason(exc: ServiceCallError) -> str:
    """A conflict's reason guessed from its message (an office that sends no ``reason``), or nothing."""
    lowered = exc.message.lower()
    for needle, code in (("already", "already_active"), ("yourself", "cannot_disable_self"), ("admin", "last_admin")):
        if needle in lowered:
            return code
    return ""
