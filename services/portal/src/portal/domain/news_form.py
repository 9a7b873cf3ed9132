"""A news item between the office's JSON and the portal's form and pages (PLT-3): the text in the reader's language,
the form's fields and the body the office takes, the office's field paths as form fields."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from portal.domain.languages import LANGUAGES
from portal.i18n import N_

ALL = "all"
SLOTS = (ALL, *LANGUAGES)  # "all" (one text for every language), then one per language
AUDIENCES = (("both", N_("Office staff and clients")), ("office", N_("Office staff")), ("clients", N_("Clients")))
SAFE_LINK = ("https://", "http://")


def text_for(item: Mapping[str, Any], language: str, fallback: str = "en") -> dict[str, str]:
    """The title and text a reader sees: the one for all languages, theirs, the office's language, or any."""
    texts = item.get("texts") or {}
    for key in (ALL, language, fallback, *LANGUAGES):
        if key in texts:
            return {"title": texts[key]["title"], "text": texts[key]["text"]}
    return {"title": "", "text": ""}


def safe_link(link: str | None) -> str | None:
    """The item's link when it is a web address (the office checks it; a page never links anything else)."""
    return link if link and link.lower().startswith(SAFE_LINK) else None


def form_values(item: Mapping[str, Any]) -> dict[str, str]:
    """The form's fields for an item (``title_nl``, ``text_all``...)."""
    values = {"audience": item.get("audience") or "both", "link": item.get("link") or ""}
    for slot, text in (item.get("texts") or {}).items():
        values[f"title_{slot}"], values[f"text_{slot}"] = text.get("title", ""), text.get("text", "")
    return values


def body_of(form: Any) -> dict[str, Any]:
    """The office's body from the form: the slots with a title or a text filled in (the office checks the rest)."""
    texts = {}
    for slot in SLOTS:
        title, text = form.get(f"title_{slot}"), form.get(f"text_{slot}")
        if title or text:
            texts[slot] = {"title": title, "text": text}
    return {"audience": form.get("audience"), "texts": texts, "link": form.get("link") or None}


def form_field(path: str) -> str:
    """The form field an office field path concerns: ``texts.nl.title`` → ``title_nl``; ``texts`` → ``texts``."""
    parts = path.split(".")
    if parts[0] == "texts" and len(parts) == 3:
        return f"{parts[2]}_{parts[1]}"
    return parts[0] if parts[0] in ("audience", "link", "texts") else "texts"
