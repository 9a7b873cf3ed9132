"""Maintains the gettext catalogs: extract every text of the package, update the four .po files, check them.

    python -m portal.i18n.catalog update   # re-extract; new texts appear untranslated in each .po
    python -m portal.i18n.catalog check    # exit 1 when a text lacks a NL, FR or DE translation
"""
from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from portal.domain.languages import LANGUAGES
from portal.i18n import po_path

PACKAGE = Path(__file__).resolve().parents[1]
METHODS = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
OPTIONS = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "gettext_": None, "ngettext_": (1, 2)}
SOURCE_LANGUAGE = "en"


def extract() -> Catalog:
    """Every translatable text of the portal package (templates and Python)."""
    template = Catalog(project="bf-portal", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE, METHODS, keywords=KEYWORDS, options_map=OPTIONS, comment_tags=("Translators:",)
    ):
        template.add(message, locations=[(filename, lineno)], auto_comments=comments, context=context)
    return template


def update() -> None:
    """Bring every language's .po up to date with the extracted texts (translations kept)."""
    template = extract()
    for language in LANGUAGES:
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=language)
        else:
            catalog = Catalog(locale=language, project="bf-portal")
        catalog.update(template, update_header_comment=False, no_fuzzy_matching=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=0, omit_header=False, ignore_obsolete=True, include_lineno=False,
                     sort_output=True)


def missing(language: str) -> list[str]:
    """Texts of the package without a (non-fuzzy) translation in the language's catalog."""
    with po_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language)
    wanted = {m.id for m in extract() if m.id}
    found = {m.id: m for m in catalog if m.id}
    gaps = []
    for key in sorted(wanted, key=str):
        message = found.get(key)
        strings = message.string if message is not None and isinstance(message.string, tuple) else (
            (message.string,) if message is not None else ("",))
        if message is None or message.fuzzy or not all(strings):
            gaps.append(key if isinstance(key, str) else key[0])
    return gaps


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    if command == "update":
        update()
        return 0
    failed = False
    for language in LANGUAGES:
        if language == SOURCE_LANGUAGE:
            continue
        gaps = missing(language)
        for text in gaps:
            print(f"{language}: untranslated: {text}")
        failed |= bool(gaps)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
