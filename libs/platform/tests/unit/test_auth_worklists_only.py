"""OFF-2 "worklists only": an assignment with the flag limits the collaborator to the rows marked for it.

Issue 13 item 5: the flag was stored and shown but enforced nowhere (such a collaborator listed documents,
created API keys, changed settings, read the archive).
"""
import pytest

from runtime.auth.matrix import ACTIONS, MATRIX, Scope
from runtime.auth.matrix.doc import render
from runtime.auth.policy import DossierRef, Forbidden, authorize, is_allowed
from runtime.auth.principal import Principal, PrincipalKind, Role

SETTINGS = {"portal_scope": "documents_feedback", "validation_mode": "client", "payment_module": True,
            "financial_tab": True, "hide_financial_data": False}
OWN = DossierRef.from_settings("office-1", "d-own", SETTINGS)  # assigned "worklists only"
FULL = DossierRef.from_settings("office-1", "d-full", SETTINGS)  # assigned without the flag
GROUP = DossierRef.from_settings("office-1", "d-group", SETTINGS)  # reached through a client group
DOSSIER_ACTIONS = [a for a in ACTIONS if a.scope is Scope.DOSSIER]
WORKLIST_ROWS = {"dossier.view", "worklist.view", "worklist.edit", "worklist.manual", "worklist.validate", "worklist.help",
                 "worklist.misc_file", "worklist.reprocess", "proposal.send", "proposal.delete",
                 "conversation.view", "conversation.start", "conversation.reply"}


def limited(role: Role, *, also_by_group: bool = False) -> Principal:
    return Principal(f"wl-{role}", PrincipalKind.COLLABORATOR, "office-1", role=role,
                     assigned_dossiers=frozenset({"d-own", "d-full"}),
                     group_dossiers=frozenset({"d-group", "d-own"} if also_by_group else {"d-group"}),
                     worklists_only=frozenset({"d-own"}))


def unlimited(role: Role) -> Principal:
    return Principal(f"u-{role}", PrincipalKind.COLLABORATOR, "office-1", role=role,
                     assigned_dossiers=frozenset({"d-own", "d-full"}), group_dossiers=frozenset({"d-group"}))


def test_the_matrix_marks_exactly_the_worklist_rows():
    """The set is decided in the matrix: see the dossier, its worklists, proposals and conversations (WL-6)."""
    assert {a.name for a in ACTIONS if a.worklists_only} == WORKLIST_ROWS
    assert all(MATRIX[name].scope is Scope.DOSSIER for name in WORKLIST_ROWS)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", [a.name for a in DOSSIER_ACTIONS])
def test_a_worklists_only_assignment_allows_only_the_marked_rows(role, action):
    expected = is_allowed(unlimited(role), action, OWN) and action in WORKLIST_ROWS
    assert is_allowed(limited(role), action, OWN) is expected
    if not expected and is_allowed(unlimited(role), action, OWN):
        with pytest.raises(Forbidden, match="limited to its worklists"):
            authorize(limited(role), action, OWN)


@pytest.mark.parametrize("role", list(Role))
def test_the_flag_limits_only_its_dossier(role):
    for action in DOSSIER_ACTIONS:
        for dossier in (FULL, GROUP):
            assert is_allowed(limited(role), action.name, dossier) is is_allowed(unlimited(role), action.name, dossier)


def test_the_issue_13_holes_are_closed():
    """Listing documents, API keys, dossier settings and the archive are refused on a worklists-only dossier."""
    collaborator = limited(Role.COLLABORATOR, also_by_group=True)  # a client group does not lift the limit
    for action in ("document.view", "apikey.manage", "dossier.settings.edit", "dossier.configure", "archive.view",
                   "dossier.users.manage", "sync.run"):
        assert not is_allowed(collaborator, action, OWN), action
    for action in ("dossier.view", "worklist.view", "worklist.validate", "proposal.send"):
        assert is_allowed(collaborator, action, OWN), action


def test_office_wide_actions_are_not_limited():
    assert is_allowed(limited(Role.COLLABORATOR), "collaborator.view")


def test_the_flag_travels_in_the_token_claims():
    principal = limited(Role.SUPPORT)
    claims = principal.to_claims()
    assert claims["worklists_only"] == ["d-own"]
    assert Principal.from_claims(claims) == principal
    assert "worklists_only" not in unlimited(Role.SUPPORT).to_claims()


def test_the_document_has_the_worklists_only_column():
    text = render()
    row = next(line for line in text.splitlines() if line.startswith("| `document.view`"))
    wl = next(line for line in text.splitlines() if line.startswith("| `worklist.view`"))
    assert "WL only" in text and row.split("|")[-3].strip() == "—" and wl.split("|")[-3].strip() == "✓"
