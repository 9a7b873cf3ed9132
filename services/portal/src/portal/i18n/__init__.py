"""Gettext catalogs of the portal (PLT-1): one .po per language in this package, compiled when loaded.

Templates use ``{% trans %}``/``_()``; Python code marks texts with ``N_()`` and they are
translated when rendered. The catalog for a render is set with ``activate()``.
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
