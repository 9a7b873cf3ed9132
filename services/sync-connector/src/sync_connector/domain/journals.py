"""SYN-8: the office's journal templates (a dossier's ``settings.journals``, OFF-3/DOS-3, as dossier.changed carries
them) become journals in the accounting software at activation. Pure: which templates to create, as what."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

JournalKind = Literal["purchases", "sales", "financial", "misc"]


@dataclass(frozen=True)
class JournalTemplate:
    """A journal to have in the software: its code (the template's alias), name and kind."""

    code: str
    name: str
    kind: JournalKind


@dataclass(frozen=True)
class JournalOutcome:
    """What the software did with a template: ``created`` now, or ``existed`` already (same code)."""

    code: str
    name: str
    kind: JournalKind
    outcome: Literal["created", "existed"]


def templates(settings: Mapping[str, Any]) -> list[JournalTemplate]:
    """The active journal templates of the dossier's settings, once per code (the first wins), in their order."""
    found: dict[str, JournalTemplate] = {}
    for journal in settings.get("journals") or ():
        code = str(journal.get("alias") or "").strip()
        if not code or journal.get("active") is False or code.upper() in found:
            continue
        found[code.upper()] = JournalTemplate(code=code, name=(journal.get("description") or code).strip()[:100],
                                              kind=journal.get("type") or "misc")
    return list(found.values())


def outcomes(wanted: Iterable[JournalTemplate], existing_codes: Iterable[str]) -> list[JournalOutcome]:
    """Each template with what to do: create it unless a journal of its code (case aside) exists already."""
    have = {c.upper() for c in existing_codes}
    return [JournalOutcome(t.code, t.name, t.kind, "existed" if t.code.upper() in have else "created")
            for t in wanted]
