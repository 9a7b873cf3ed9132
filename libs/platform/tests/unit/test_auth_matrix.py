"""The permission matrix: complete over FEATURES.md, rendered to docs/permissions.md, never stale."""
import re
from pathlib import Path

import pytest

from runtime.auth.matrix import ACTIONS, GRANTEES, MATRIX, Scope
from runtime.auth.matrix.__main__ import main
from runtime.auth.matrix.doc import render

ROOT = Path(__file__).resolve().parents[4]
FEATURES = ROOT.parent / "shared" / "FEATURES.md"


def test_docs_permissions_md_is_up_to_date():
    """A change to the matrix without `python -m runtime.auth.matrix` fails here."""
    assert (ROOT / "docs" / "permissions.md").read_text() == render()


def test_the_check_command_fails_on_a_stale_document(tmp_path, capsys):
    path = tmp_path / "permissions.md"
    assert main([str(path), "--check"]) == 1
    assert main([str(path)]) == 0 and path.read_text() == render()
    assert main([str(path), "--check"]) == 0
    path.write_text(render().replace("✓", "—", 1))
    assert main([str(path), "--check"]) == 1


def test_every_action_and_every_column_is_in_the_document():
    text = render()
    for action in ACTIONS:
        assert f"`{action.name}`" in text
    row = next(line for line in text.splitlines() if line.startswith("| `document.upload`"))
    assert row.count("|") == len(GRANTEES) + 5  # action, features, one per grantee, worklists only, what


@pytest.mark.skipif(not FEATURES.exists(), reason="../shared/FEATURES.md is not checked out next to the repo")
def test_every_feature_of_the_catalogue_is_served_by_an_action():
    ids = set(re.findall(r"^- ([A-Z]{2,3}-\d+) ", FEATURES.read_text(), flags=re.MULTILINE))
    covered = {f for action in ACTIONS for f in action.features}
    assert ids, "no feature IDs found"
    assert ids - covered == set()
    assert covered - ids == set(), "an action cites an ID the catalogue does not have"


def test_action_names_are_dotted_lowercase_and_described():
    for action in ACTIONS:
        assert re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", action.name), action.name
        assert action.description and action.features
        assert action.grants, f"{action.name}: nobody may do it"


def test_nobody_but_an_api_key_column_is_granted_to_api_keys_outside_upload():
    """ING-4: an API key can only upload."""
    assert [a.name for a in ACTIONS if any(str(g) == "API_KEY" for g in a.grants)] == ["document.upload"]


def test_office_actions_are_never_granted_to_api_keys():
    assert all("API_KEY" not in map(str, a.grants) for a in ACTIONS if a.scope is Scope.OFFICE)


def test_matrix_is_indexed_by_name():
    assert MATRIX["dossier.configure"].scope is Scope.DOSSIER
