"""A list edited as rows of a form (OFF-3, DOS-3): rows from the office's JSON, from a submitted form, and back.

Inputs are named ``r<index>.<column>``; ``rows`` says how many there are. Unchecked boxes send
nothing, hence the index in every name. Functions here are pure.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from portal.domain.list_specs import Column, ListSpec

Form = Mapping[str, Sequence[str]]
Row = dict[str, str]
MAX_ROWS = 500


def _text(value: Any, column: Column) -> str:
    if column.kind == "check":
        return "true" if value else ""
    return "" if value is None else str(value)


def rows_of(items: Sequence[Any], spec: ListSpec) -> list[Row]:
    """The office's list as form rows (every value a string; checkboxes 'true' or '')."""
    if spec.scalar:
        return [{"value": str(item)} for item in items]
    return [{c.key: _text(item.get(c.key), c) for c in spec.columns} for item in items]


def _one(form: Form, name: str) -> str:
    values = form.get(name) or [""]
    return values[-1].strip()


def rows_from_form(form: Form, spec: ListSpec) -> list[Row]:
    """The rows a person submitted, exactly as typed (for showing them again)."""
    try:
        count = min(int(_one(form, "rows") or 0), MAX_ROWS)
    except ValueError:
        count = 0
    return [{c.key: _one(form, f"r{i}.{c.key}") for c in spec.columns} for i in range(count)]


def blank_row(spec: ListSpec) -> Row:
    """A new row with each column's default."""
    return {c.key: c.default for c in spec.columns}


def is_blank(row: Row, spec: ListSpec) -> bool:
    """True when a person typed nothing in a row (defaults and checkboxes do not count)."""
    return all(not row.get(c.key) for c in spec.columns if c.kind in ("text", "url"))


def _value(raw: str, column: Column) -> Any:
    if column.kind == "check":
        return raw == "true"
    if column.kind == "number":
        return int(raw) if raw.lstrip("-").isdigit() else (raw or None)
    return raw or None


def payload(rows: Sequence[Row], spec: ListSpec) -> list[Any]:
    """The list to PATCH: blank rows dropped, empty optional cells left out (they keep the default)."""
    kept = [r for r in rows if not is_blank(r, spec)]
    if spec.scalar:
        return [r["value"] for r in kept]
    out = []
    for row in kept:
        item = {c.key: _value(row.get(c.key, ""), c) for c in spec.columns}
        out.append({k: v for k, v in item.items() if v is not None})
    return out


def kept_index(rows: Sequence[Row], spec: ListSpec) -> list[int]:
    """For each row sent to the office, its index among the rows shown (the office numbers only sent rows)."""
    return [i for i, r in enumerate(rows) if not is_blank(r, spec)]
