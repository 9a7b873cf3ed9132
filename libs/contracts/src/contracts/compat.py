"""Compatibility of event schemas: what would break a consumer written against an older schema.

`breaking_changes(old, new)` compares two JSON Schemas (as pydantic writes them, with `$defs`
and `$ref`) and lists every change an existing consumer or an old stored message would not
survive: a removed or renamed field, a changed type, format or pattern, a new required field,
a narrowed enum. Adding optional fields and widening enums are not breaking.
`check_history` applies it to one event model and its committed schemas.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from contracts.envelope import Event
from contracts.upcasting import Upcaster, has_upcast_path, upcast

Schema = dict[str, Any]
_REF_SEEN = "\0ref"  # marks a node resolved from a $ref, to stop at recursive models


def breaking_changes(old_schema: Schema, new_schema: Schema) -> list[str]:
    """Every change from `old_schema` to `new_schema` that breaks an existing consumer."""
    return _Comparison(old_schema, new_schema).compare(old_schema, new_schema, "")


class _Comparison:
    """One walk over two schemas, resolving `$ref`s against each schema's own root."""

    def __init__(self, old_root: Schema, new_root: Schema) -> None:
        self.roots = (old_root, new_root)
        self.seen: set[tuple[str, str]] = set()

    def compare(self, old: Schema, new: Schema, path: str) -> list[str]:
        old_branches = _branches(self._resolve(old, 0), lambda n: self._resolve(n, 0))
        new_branches = _branches(self._resolve(new, 1), lambda n: self._resolve(n, 1))
        old_kinds, new_kinds = set(old_branches), set(new_branches)
        if old_kinds != new_kinds:
            return [f"{_name(path)}: type changed from {_kinds(old_kinds)} to {_kinds(new_kinds)}"]
        problems: list[str] = []
        for kind in sorted(old_kinds):
            problems += self._compare_kind(kind, old_branches[kind], new_branches[kind], path)
        return problems

    def _compare_kind(self, kind: str, old: Schema, new: Schema, path: str) -> list[str]:
        problems = _compare_values(old, new, path)
        if kind == "object":
            problems += self._compare_object(old, new, path)
        elif kind == "array" and isinstance(old.get("items"), dict) and isinstance(new.get("items"), dict):
            problems += self.compare(old["items"], new["items"], f"{path}[]")
        return problems

    def _compare_object(self, old: Schema, new: Schema, path: str) -> list[str]:
        refs = (old.get(_REF_SEEN, ""), new.get(_REF_SEEN, ""))
        if all(refs):
            if refs in self.seen:  # a model compared already (or recursively, right now)
                return []
            self.seen.add(refs)
        old_props, new_props = old.get("properties", {}), new.get("properties", {})
        problems: list[str] = []
        added = [name for name in new_props if name not in old_props]
        for name, old_prop in old_props.items():
            field = f"{path}.{name}" if path else name
            if name in new_props:
                problems += self.compare(old_prop, new_props[name], field)
                continue
            renamed = [a for a in added if self._same(old_prop, new_props[a])]
            hint = f" (renamed to '{renamed[0]}'?)" if renamed else ""
            problems.append(f"{_name(field)}: removed or renamed{hint}")
        old_required = set(old.get("required", ()))
        for name in new.get("required", ()):
            if name in old_required:
                continue
            field = f"{path}.{name}" if path else name
            what = "became required" if name in old_props else "is a new required field"
            problems.append(f"{_name(field)}: {what}")
        old_extra, new_extra = old.get("additionalProperties"), new.get("additionalProperties")
        if isinstance(old_extra, dict) and isinstance(new_extra, dict):
            problems += self.compare(old_extra, new_extra, f"{path}{{}}")
        return problems

    def _same(self, old: Schema, new: Schema) -> bool:
        return not _Comparison(*self.roots).compare(old, new, "")

    def _resolve(self, node: Schema, side: int) -> Schema:
        root = self.roots[side]
        for _ in range(32):
            ref = node.get("$ref")
            if not isinstance(ref, str):
                return node
            if not ref.startswith("#/"):
                raise ValueError(f"only local $refs are supported, got {ref!r}")
            target: Any = root
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = {**{k: v for k, v in node.items() if k != "$ref"}, **target, _REF_SEEN: ref}
        raise ValueError("$ref chain too long")


def _branches(node: Schema, resolve: Any) -> dict[str, Schema]:
    """The alternatives a value may take, by JSON type ('null', 'string', 'object', ...)."""
    alternatives = node.get("anyOf") or node.get("oneOf")
    if alternatives:
        branches: dict[str, Schema] = {}
        for alternative in alternatives:
            branches.update(_branches(resolve(alternative), resolve))
        return branches
    kind = node.get("type")
    if isinstance(kind, list):
        return {k: {**node, "type": k} for k in kind}
    if kind is None:
        kind = _implied_type(node)
    return {kind: node}


def _implied_type(node: Schema) -> str:
    if "properties" in node:
        return "object"
    values = node.get("enum", [node["const"]] if "const" in node else [])
    types = {type(v).__name__ for v in values}
    names = {"str": "string", "int": "integer", "float": "number", "bool": "boolean", "NoneType": "null"}
    return names.get(types.pop(), "any") if len(types) == 1 else "any"


def _compare_values(old: Schema, new: Schema, path: str) -> list[str]:
    problems = []
    for keyword in ("format", "pattern"):
        if old.get(keyword) != new.get(keyword):
            problems.append(f"{_name(path)}: {keyword} changed from {old.get(keyword)!r} to {new.get(keyword)!r}")
    old_values, new_values = _allowed(old), _allowed(new)
    if new_values is not None:
        if old_values is None:
            problems.append(f"{_name(path)}: enum narrowed to {sorted(new_values, key=repr)}")
        elif old_values - new_values:
            problems.append(f"{_name(path)}: enum narrowed, {sorted(old_values - new_values, key=repr)} removed")
    return problems


def _allowed(node: Schema) -> set[Any] | None:
    if "const" in node:
        return {node["const"]}
    if "enum" in node:
        return set(node["enum"])
    return None


def _kinds(kinds: set[str]) -> str:
    return " | ".join(sorted(kinds))


def _name(path: str) -> str:
    return f"field '{path}'" if path else "the event"


def check_history(model: type[Event], committed: Mapping[int, Schema],
                  upcasters: Mapping[tuple[str, int], Upcaster] | None = None) -> list[str]:
    """Problems between an event model and its committed schemas, by schema_version.

    The committed schema of the model's own version must not break; older committed versions
    need an upcaster chain, and their committed examples must upcast into a valid event.
    """
    current = model.SCHEMA_VERSION
    label = f"{model.EVENT_TYPE} v{current}"
    problems: list[str] = []
    if current in committed:
        problems += [f"{label}: {p} (bump SCHEMA_VERSION and add an upcaster)"
                     for p in breaking_changes(committed[current], model.model_json_schema())]
    for version in sorted(v for v in committed if v < current):
        if not has_upcast_path(model.EVENT_TYPE, version, current, upcasters):
            problems.append(f"{label}: no upcaster chain from committed v{version}")
            continue
        for example in committed[version].get("examples", []):
            try:
                model.model_validate(upcast(model.EVENT_TYPE, example, current, upcasters), extra="ignore")
            except (ValueError, ValidationError) as exc:
                problems.append(f"{label}: committed v{version} example does not upcast to a valid event: {exc}")
    problems += [f"{label}: committed v{v} is newer than the code" for v in sorted(committed) if v > current]
    return problems
