"""Turning office errors into messages a person can act on, placed next to the field they concern."""
from __future__ import annotations

from collections.abc import Iterable

from portal import i18n
from portal.adapters.office import OfficeError, OfficeUnavailable
from portal.i18n import N_

# Conflicts (409) name what is already taken; the office's message says which.
_CONFLICTS: tuple[tuple[str, str, str], ...] = (
    ("mail", "email", N_("This e-mail address is already in use.")),
    ("code", "code", N_("This code is already in use.")),
    ("active", "", N_("This dossier is already active.")),
    ("yourself", "", N_("You cannot disable your own account.")),
    ("themself", "", N_("You cannot disable your own account.")),
)
INVALID = N_("Please check this value")
NOT_ALLOWED = N_("Your role or profile does not allow this change.")
REFUSED = N_("The request was refused.")
UNAVAILABLE = N_("The office service did not answer. Nothing was changed; try again in a moment.")


def field_errors(exc: OfficeError, fields: Iterable[str], language: str) -> tuple[dict[str, str], str]:
    """Per-field messages and a general message for an office error, in the user's language.

    A validation error (422) puts the office's explanation next to each field it names that
    the form shows; anything else becomes the general message at the top of the form.
    """
    shown = set(fields)
    with i18n.activate(language):
        t = i18n.gettext_
        if isinstance(exc, OfficeUnavailable):
            return {}, t(UNAVAILABLE)
        if exc.status == 422 and exc.fields:
            errors = {name: f"{t(INVALID)}: {message}" for name, message in exc.fields.items() if name in shown}
            rest = [f"{name}: {message}" for name, message in exc.fields.items() if name not in shown]
            return errors, "; ".join(rest)
        if exc.status == 409:
            for needle, field, text in _CONFLICTS:
                if needle in exc.message.lower():
                    return ({field: t(text)}, "") if field in shown else ({}, t(text))
            return {}, exc.message
        if exc.status == 403:
            return {}, t(NOT_ALLOWED)
        return {}, exc.message or t(REFUSED)
