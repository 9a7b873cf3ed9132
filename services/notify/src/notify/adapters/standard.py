"""The standard templates shipped in the package (templates/<key>/<language>.txt, optional .html).

A .txt file starts with ``Subject: <subject template>``, a blank line, then the plain-text body.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from notify.domain.rendering import Template

FOLDER = Path(__file__).resolve().parents[1] / "templates"
LANGUAGES = ("fr", "nl", "de", "en")


class MalformedTemplateFile(ValueError):
    """A template file without its Subject line (a packaging mistake, found by the unit tests)."""


def parse(text: str, html: str | None = None) -> Template:
    """A template from the text of its .txt file (and its .html, if any)."""
    head, sep, body = text.partition("\n\n")
    if not sep or not head.startswith("Subject:") or "\n" in head:
        raise MalformedTemplateFile("a template file starts with one 'Subject: ...' line and a blank line")
    return Template(subject=head.removeprefix("Subject:").strip(), body=body, html=html)


@cache
def standard_templates() -> dict[tuple[str, str], Template]:
    """Every standard template by (key, language)."""
    found = {}
    for path in sorted(FOLDER.glob("*/*.txt")):
        html = path.with_suffix(".html")
        found[(path.parent.name, path.stem)] = parse(path.read_text("utf-8"),
                                                     html.read_text("utf-8") if html.exists() else None)
    return found


def keys() -> list[str]:
    """The template keys there is a standard for (only these can be overridden)."""
    return sorted({key for key, _ in standard_templates()})


def standard(key: str, language: str) -> Template | None:
    """The standard template of `key` in `language`, or None."""
    return standard_templates().get((key, language))
