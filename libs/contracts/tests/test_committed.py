"""The committed contract documents: consumers must not break, and the files must be current."""
from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from contracts import docs
from contracts.codec import deserialize
from contracts.compat import check_history
from contracts.examples import example_events
from contracts.registry import TOPICS

ROOT = docs.ROOT


@pytest.mark.parametrize("name", sorted(TOPICS))
def test_no_change_breaks_an_existing_consumer(name):
    """Fails on a removed/renamed field, changed type, new required field or narrowed enum compared
    with the committed schema of the same schema_version, unless SCHEMA_VERSION was bumped and
    upcasters turn the committed older examples into valid events."""
    topic = TOPICS[name]
    committed = docs.committed_schemas(topic, ROOT)
    assert committed, f"no committed schema for {name}: run make docs"
    assert check_history(topic.model, committed) == []


def test_generated_files_are_current():
    stale = docs.stale_files(ROOT)
    assert stale == [], f"stale generated contract files {[str(p) for p in stale]}: run make docs"


def test_generation_is_deterministic():
    assert docs.render() == docs.render()


@pytest.mark.parametrize("path", sorted((ROOT / docs.SCHEMA_DIR).glob("*.json")), ids=lambda p: p.name)
def test_committed_examples_validate_against_their_schema(path):
    schema = json.loads(path.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert schema["examples"]
    for example in schema["examples"]:
        validator.validate(example)
        assert deserialize(schema["x-topic"], json.dumps(example).encode()).EVENT_TYPE == schema["x-topic"]


def test_published_schemas_let_consumers_ignore_unknown_fields():
    """Integrators validating with the JSON Schema must accept fields added later."""
    for path in (ROOT / docs.SCHEMA_DIR).glob("*.json"):
        text = path.read_text()
        assert '"additionalProperties": false' not in text, path.name


def test_asyncapi_describes_every_topic_with_its_payload():
    spec = yaml.safe_load((ROOT / docs.ASYNCAPI).read_text())
    assert spec["asyncapi"].startswith("3.")
    assert set(spec["channels"]) == set(TOPICS)
    for name, topic in TOPICS.items():
        channel = spec["channels"][name]
        assert channel["address"] == name and channel["description"] == topic.documented
        message = spec["components"]["messages"][f"{name}:Message"]
        assert message["payload"] == {"$ref": f"#/components/schemas/{topic.model.__name__}"}
        assert message["headers"] == {"$ref": "#/components/schemas/CloudEventsHeaders"}
        payload = spec["components"]["schemas"][topic.model.__name__]
        assert payload["x-event-type"] == name


def test_docs_check_mode_passes_on_the_committed_tree(capsys):
    assert docs.main(["--check"]) == 0


def test_docs_check_mode_reports_stale_files(tmp_path, capsys):
    assert docs.main(["--check", "--root", str(tmp_path)]) == 1
    assert "run make docs" in capsys.readouterr().err


def test_every_event_has_an_example():
    assert set(example_events()) == set(TOPICS)
