"""WL-11 validation modes as the worklist's routes meet them: who may see, correct, review and send per mode.

The worklist routes ask the shared policy for these actions (see API.md); this pins down what that means for
a full-access client and a SUPPORT collaborator, so a change of the matrix that breaks WL-11 is noticed here.
"""
import pytest
from runtime.auth.policy import DossierRef, is_allowed
from runtime.auth.principal import ClientProfile, Principal, PrincipalKind, Role

OFFICE, DOSSIER = "o-1", "d-1"
CLIENT = Principal("u-1", PrincipalKind.CLIENT, OFFICE, profiles={DOSSIER: ClientProfile.FULL_ACCESS})
SUPPORT = Principal("s-1", PrincipalKind.COLLABORATOR, OFFICE, role=Role.SUPPORT, assigned_dossiers=frozenset({DOSSIER}))
UNASSIGNED = Principal("s-2", PrincipalKind.COLLABORATOR, OFFICE, role=Role.SUPPORT)
ACTIONS = ("worklist.view", "worklist.edit", "worklist.validate", "proposal.send", "proposal.delete")


def allowed(principal, mode):
    ref = DossierRef.from_settings(OFFICE, DOSSIER, {"validation_mode": mode})
    return {a for a in ACTIONS if is_allowed(principal, a, ref)}


@pytest.mark.parametrize("mode, expected", [
    ("collaborator", set()),
    ("hybrid", {"worklist.view", "worklist.edit", "worklist.validate", "proposal.delete"}),  # corrects, never sends
    ("client", set(ACTIONS)),
])
def test_a_full_access_client_per_mode(mode, expected):
    assert allowed(CLIENT, mode) == expected


@pytest.mark.parametrize("mode", ["collaborator", "hybrid", "client"])
def test_support_works_on_assigned_worklists_only_in_every_mode(mode):
    assert allowed(SUPPORT, mode) == set(ACTIONS)
    assert allowed(UNASSIGNED, mode) == set()


def test_an_unknown_mode_refuses_clients():
    ref = DossierRef(OFFICE, DOSSIER)  # no settings known: the client is refused, deny by default
    assert not is_allowed(CLIENT, "worklist.view", ref)
