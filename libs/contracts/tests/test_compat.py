"""Unit tests of `breaking_changes` on hand-made schemas: each kind of break, and what is allowed."""
from __future__ import annotations

import copy

from contracts.compat import breaking_changes

BASE = {
    "type": "object",
    "properties": {
        "document_id": {"type": "string", "format": "uuid"},
        "size_bytes": {"type": "integer"},
        "source": {"type": "string", "enum": ["upload", "email", "mobile", "api"]},
        "sender": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None},
        "totals": {"$ref": "#/$defs/Totals"},
        "lines": {"type": "array", "items": {"$ref": "#/$defs/Line"}},
        "params": {"type": "object", "additionalProperties": {"type": "string"}},
    },
    "required": ["document_id", "size_bytes", "source", "totals"],
    "$defs": {
        "Totals": {"type": "object", "properties": {"gross": {"type": "string", "pattern": "^[0-9.]+$"}},
                   "required": ["gross"]},
        "Line": {"type": "object", "properties": {"account": {"type": "string"},
                                                  "children": {"type": "array", "items": {"$ref": "#/$defs/Line"}}},
                 "required": ["account"]},
    },
}


def changed(edit) -> list[str]:
    new = copy.deepcopy(BASE)
    edit(new)
    return breaking_changes(BASE, new)


def test_identical_schemas_have_no_breaking_change():
    assert breaking_changes(BASE, copy.deepcopy(BASE)) == []


def test_adding_an_optional_field_is_not_breaking():
    def edit(s):
        s["properties"]["page_count"] = {"anyOf": [{"type": "integer"}, {"type": "null"}], "default": None}
        s["$defs"]["Line"]["properties"]["note"] = {"type": "string", "default": ""}
    assert changed(edit) == []


def test_widening_an_enum_and_editing_descriptions_is_not_breaking():
    def edit(s):
        s["properties"]["source"]["enum"].append("peppol")
        s["properties"]["source"]["description"] = "how it came in"
        s["properties"]["sender"]["title"] = "Sender"
    assert changed(edit) == []


def test_removed_field():
    assert changed(lambda s: s["properties"].pop("size_bytes")) == ["field 'size_bytes': removed or renamed"]


def test_renamed_field_is_reported_with_a_hint():
    def edit(s):
        s["properties"]["byte_size"] = s["properties"].pop("size_bytes")
        s["required"] = ["document_id", "byte_size", "source", "totals"]
    assert changed(edit) == [
        "field 'size_bytes': removed or renamed (renamed to 'byte_size'?)",
        "field 'byte_size': is a new required field",
    ]


def test_changed_type():
    def edit(s):
        s["properties"]["size_bytes"] = {"type": "string"}
    assert changed(edit) == ["field 'size_bytes': type changed from integer to string"]


def test_made_nullable_is_a_changed_type():
    def edit(s):
        s["properties"]["size_bytes"] = {"anyOf": [{"type": "integer"}, {"type": "null"}]}
    assert changed(edit) == ["field 'size_bytes': type changed from integer to integer | null"]


def test_changed_format_or_pattern():
    def edit(s):
        s["properties"]["document_id"]["format"] = "uri"
        s["$defs"]["Totals"]["properties"]["gross"]["pattern"] = "^[0-9]+$"
    assert changed(edit) == [
        "field 'document_id': format changed from 'uuid' to 'uri'",
        "field 'totals.gross': pattern changed from '^[0-9.]+$' to '^[0-9]+$'",
    ]


def test_new_required_field():
    def edit(s):
        s["properties"]["mailbox"] = {"type": "string"}
        s["required"].append("mailbox")
    assert changed(edit) == ["field 'mailbox': is a new required field"]


def test_optional_field_became_required():
    assert changed(lambda s: s["required"].append("sender")) == ["field 'sender': became required"]


def test_narrowed_enum():
    def edit(s):
        s["properties"]["source"]["enum"] = ["upload", "email", "api"]
    assert changed(edit) == ["field 'source': enum narrowed, ['mobile'] removed"]


def test_enum_imposed_on_a_free_string_is_narrowing():
    def edit(s):
        s["$defs"]["Line"]["properties"]["account"]["enum"] = ["604000"]
    assert changed(edit) == ["field 'lines[].account': enum narrowed to ['604000']"]


def test_breaks_inside_referenced_models_arrays_and_maps():
    def edit(s):
        s["$defs"]["Totals"]["properties"]["gross"] = {"type": "number"}
        s["$defs"]["Line"]["properties"].pop("account")
        s["$defs"]["Line"]["required"] = []
        s["properties"]["params"]["additionalProperties"] = {"type": "integer"}
    assert changed(edit) == [
        "field 'totals.gross': type changed from string to number",
        "field 'lines[].account': removed or renamed",
        "field 'params{}': type changed from string to integer",
    ]


def test_recursive_models_terminate():
    def edit(s):
        s["$defs"]["Line"]["properties"]["children"]["items"] = {"$ref": "#/$defs/Line"}
    assert changed(edit) == []


def test_inline_model_replaced_by_ref_is_equivalent():
    def edit(s):
        s["properties"]["totals"] = copy.deepcopy(BASE["$defs"]["Totals"])
    assert changed(edit) == []


def test_recursion_through_optional_references_terminates_and_still_finds_breaks():
    tree = {"type": "object", "properties": {"root": {"$ref": "#/$defs/Node"}},
            "$defs": {"Node": {"type": "object", "properties": {
                "name": {"type": "string"},
                "parent": {"anyOf": [{"$ref": "#/$defs/Node"}, {"type": "null"}]}}}}}
    assert breaking_changes(tree, copy.deepcopy(tree)) == []
    renamed = copy.deepcopy(tree)
    renamed["$defs"]["Node"]["properties"]["label"] = renamed["$defs"]["Node"]["properties"].pop("name")
    assert breaking_changes(tree, renamed) == ["field 'root.name': removed or renamed (renamed to 'label'?)"]
