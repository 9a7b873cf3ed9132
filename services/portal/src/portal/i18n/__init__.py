"""Gettext catalogs of the portal (PLT-1): one .po per language in this package, compiled when loaded.

Templates use ``_()``; Python code marks texts with ``N_()`` and they are translated when rendered. The
catalog for a render is set with ``activate()``.

Only the catalog's own texts (msgids extracted from the package's templates and code) are translated: any other
text given to a template's ``_()`` — a backend's message, a value from the request — is data, shown as it is and
never formatted, escaped on output. Catalog texts are part of the code and stay Markup as with Jinja's own
gettext (their variables escaped). Issue 13 item 1: ``_(error.detail)`` used to make any text Markup, so a
backend echoing a request rendered as HTML.
"""
from __future__ import annotations

import contextlib
import contextvars
import gettext
import io
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from markupsafe import Markup
from babel.messages.pofile import read_po

from portal.domain.languages import LANGUAGES

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "messages"
_current: contextvars.ContextVar[gettext.NullTranslations] = contextvars.ContextVar(
    "portal_translations", default=gettext.NullTranslations()
)


def N_(message: str) -> str:
    """Marks a text for extraction; it is translated where it is shown."""
    return message


def po_path(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog of a language (English is the source language: its catalog may be empty)."""
    if language not in LANGUAGES:
        raise LookupError(f"unsupported language {language!r}")
    path = po_path(language)
    if not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@contextlib.contextmanager
def activate(language: str) -> Iterator[gettext.NullTranslations]:
    """Make the language's catalog the one gettext()/ngettext() use until the block ends."""
    token = _current.set(translations(language))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def gettext_(message: str) -> str:
    """The message in the active language."""
    return _current.get().gettext(message)


def ngettext_(singular: str, plural: str, n: int) -> str:
    """The singular or plural message in the active language."""
    return _current.get().ngettext(singular, plural, n)


@cache
def msgids() -> frozenset[str]:
    """Every text of the catalogs (singular and plural ids): the only texts that are translated."""
    ids: set[str] = set()
    for language in LANGUAGES:
        path = po_path(language)
        if path.exists():
            with path.open("rb") as handle:
                for message in read_po(handle, locale=language):
                    ids.update(message.id if isinstance(message.id, tuple) else (message.id,))
    ids.discard("")
    return frozenset(ids)


def _formatted(text: str, variables: dict[str, object]) -> Markup:
    """A catalog text as Markup ``% variables`` (escaped), as Jinja's newstyle gettext does; as is if they do not fit."""
    trusted = Markup(text)
    try:
        return trusted % variables
    except (KeyError, ValueError, TypeError):
        return trusted


def template_gettext(message: object, **variables: object) -> str:
    """A template's ``_()``: a catalog text translated and formatted; anything else returned as the data it is.

    Data is a plain ``str``, so autoescaping escapes it; only a catalog text is Markup.
    """
    if not isinstance(message, str):
        return "" if message is None else str(message)
    if message not in msgids():
        return message
    return _formatted(gettext_(message), variables)


def template_ngettext(singular: str, plural: str, num: int, **variables: object) -> str:
    """A template's ``ngettext()``: like ``template_gettext`` with the number as ``%(num)d``."""
    if singular not in msgids():
        return singular if num == 1 else plural
    return _formatted(ngettext_(singular, plural, num), {"num": num, **variables})
