"""Issue 15 item 3: every code the worklist gives a refused field is one of FieldCode, read from the source itself
(each FieldProblem(...) and problems.add(...) call), so a portal's translation table made from the enum misses none."""
from __future__ import annotations

import ast
from pathlib import Path

from worklist.domain.errors import FieldCode

SOURCE = Path(__file__).resolve().parents[2] / "src" / "worklist"


def _codes_given() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            code = node.args[1]
            if name in ("FieldProblem", "add") and isinstance(code, ast.Constant) and isinstance(code.value, str):
                found.setdefault(code.value, []).append(f"{path.name}:{node.lineno}")
    return found


def test_every_field_code_in_the_source_is_a_field_code():
    given = _codes_given()
    assert len(given) > 15, "the source walk finds the calls"
    assert {c: where for c, where in given.items() if c not in {f.value for f in FieldCode}} == {}
