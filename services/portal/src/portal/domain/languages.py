"""The four portal languages (PLT-1) and how one is chosen for a request."""
from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("nl", "fr", "en", "de")
# Each language named in itself, as a language chooser shows it.
NATIVE_NAMES: dict[str, str] = {"nl": "Nederlands", "fr": "Français", "en": "English", "de": "Deutsch"}


def normalise(code: str | None) -> str | None:
    """The supported language a code such as 'fr-BE' or 'NL' stands for, or None."""
    if not code:
        return None
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return base if base in LANGUAGES else None


def from_accept_language(header: str | None) -> str | None:
    """The best supported language of an Accept-Language header (by q-value, then order), or None."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        language = normalise(tag)
        if language and quality > 0:
            ranked.append((-quality, position, language))
    return min(ranked)[2] if ranked else None


def choose(*, user: str | None, cookie: str | None, accept: str | None, default: str = "en") -> str:
    """The language of a page: the user's own choice, else the chooser's cookie, else the browser's, else default."""
    return normalise(user) or normalise(cookie) or from_accept_language(accept) or default
