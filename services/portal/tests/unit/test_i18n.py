"""Every portal text exists in NL, FR, EN and DE (PLT-1), and templates carry no untranslated text."""
import re

import pytest

from portal import i18n
from portal.entrypoints.http.rendering import Renderer
from portal.i18n import catalog

TEMPLATES = catalog.PACKAGE / "templates"


@pytest.mark.parametrize("language", ["nl", "fr", "de"])
def test_every_text_is_translated(language):
    assert catalog.missing(language) == []


def test_catalogs_compile_and_translate():
    with i18n.activate("fr"):
        assert i18n.gettext_("Log in") == "Se connecter"
        assert i18n.ngettext_("%(num)d dossier", "%(num)d dossiers", 2) == "%(num)d dossiers"
    with i18n.activate("nl"):
        assert i18n.gettext_("Log in") == "Aanmelden"
    assert i18n.gettext_("Log in") == "Log in"  # outside: the source language


def _visible_text(source: str) -> str:
    """What a template shows a person outside Jinja: text between tags and the visible attributes
    (placeholder, title, aria-label, alt), after removing comments, tags, expressions and markup."""
    for pattern in (r"\{#.*?#\}", r"\{%.*?%\}", r"\{\{.*?\}\}", r"<script.*?</script>"):
        source = re.sub(pattern, " ", source, flags=re.S)
    shown = " ".join(re.findall(r'(?:placeholder|title|aria-label|alt)="([^"]*)"', source))
    for pattern in (r"[\w-]+=\"[^\"]*\"", r"<[^>]+>", r"&\w+;"):
        source = re.sub(pattern, " ", source, flags=re.S)
    return f"{source} {shown}"


@pytest.mark.parametrize("path", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: p.name)
def test_templates_have_no_hard_coded_words(path):
    words = re.findall(r"[A-Za-z]{2,}", _visible_text(path.read_text()))
    assert words == [], f"{path.name} shows text outside gettext: {words}"


def test_a_page_renders_in_each_language():
    renderer = Renderer()
    context = {"csrf_token": "t", "portal_name": "Demo", "office_slug": "demo", "next_path": "/login",
               "form_error": None, "message": None}
    titles = {lang: renderer.html("login.html", context, language=lang) for lang in ("nl", "fr", "en", "de")}
    assert ">Aanmelden</button>" in titles["nl"] and ">Se connecter</button>" in titles["fr"]
    assert ">Log in</button>" in titles["en"] and ">Anmelden</button>" in titles["de"]
    assert '<html lang="de">' in titles["de"]
