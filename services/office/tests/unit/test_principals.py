"""The principal the office builds from an account carries its "worklists only" assignments (OFF-2, issue 13 item 5)."""
from runtime.auth.policy import DossierRef, is_allowed

from office.domain.principals import Account, principal_of

DOSSIER = DossierRef.from_settings("o-1", "d-1", {"portal_scope": "documents_feedback",
                                                  "validation_mode": "collaborator"})


def account(role: str) -> Account:
    return Account(f"u-{role}", "o-1", "collaborator", f"{role}@x.test", role, "en", role, True)


def test_a_collaborator_assigned_worklists_only_is_limited_there():
    principal = principal_of(account("COLLABORATOR"), assigned=["d-1"], worklists_only=["d-1"])
    assert principal.worklists_only == frozenset({"d-1"}) and principal.to_claims()["worklists_only"] == ["d-1"]
    assert is_allowed(principal, "worklist.validate", DOSSIER) and not is_allowed(principal, "document.view", DOSSIER)


def test_an_admin_carries_no_flag_nobody_would_see():
    """ADMINs are not listed among a dossier's assignments: a flag on one would be an invisible restriction."""
    principal = principal_of(account("ADMIN"), assigned=["d-1"], worklists_only=["d-1"])
    assert principal.worklists_only == frozenset() and is_allowed(principal, "document.view", DOSSIER)
