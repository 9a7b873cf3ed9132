"""Navigation follows the shared matrix: office pages by role (OFF-2), client areas by profile (DOS-4) and
portal scope (DOS-1)."""
import pytest

from portal.domain.access import principal_of
from portal.domain.navigation import client_areas, office_nav

OFFICE = {"id": "o1", "slug": "demo", "name": "Demo", "portal_name": "Demo"}


def collaborator(role: str) -> dict:
    return {"user": {"id": "u1", "kind": "collaborator", "role": role, "language": "en"}, "office": OFFICE,
            "dossiers": [{"id": "d1", "access": "assigned", "profile": None, "portal_scope": "documents_feedback"}]}


def client(profile: str, scope: str = "documents_feedback") -> tuple[dict, dict]:
    dossier = {"id": "d1", "name": "Bakery", "profile": profile, "portal_scope": scope, "validation_mode": "collaborator"}
    return {"user": {"id": "c1", "kind": "client", "role": None}, "office": OFFICE, "dossiers": [dossier]}, dossier


@pytest.mark.parametrize("role, paths", [
    ("ADMIN", ["/dossiers", "/monitor", "/office/collaborators", "/office/groups", "/office/settings",
               "/office/templates"]),  # COM-5: template.manage
    ("COLLABORATOR", ["/dossiers", "/monitor", "/office/collaborators", "/office/groups", "/office/settings"]),
    ("SUPPORT", ["/dossiers", "/monitor", "/office/settings"]),
])
def test_office_navigation_by_role(role, paths):
    """OFF-2: SUPPORT sees no collaborators or groups."""
    assert [item.path for item in office_nav(principal_of(collaborator(role)))] == paths


def test_principal_from_me_carries_assignments():
    principal = principal_of(collaborator("COLLABORATOR"))
    assert principal.assigned_dossiers == {"d1"} and principal.office_id == "o1"


@pytest.mark.parametrize("profile, areas", [
    ("ADMINISTRATOR", ["upload", "documents", "capture", "archive", "dashboard", "history", "reports", "conversations",
                       "users", "settings"]),
    ("FULL_ACCESS", ["upload", "documents", "capture", "archive", "dashboard", "history", "reports", "conversations"]),
    ("DOCUMENT_PROCESSING", ["upload", "documents", "capture", "conversations"]),
    ("DOCUMENT_PROCESSING_ARCHIVE", ["upload", "documents", "capture", "archive", "conversations"]),
    ("FULL_FEEDBACK", ["archive", "dashboard", "history", "reports", "conversations"]),
    ("DOCUMENT_DELIVERY", ["upload", "capture"]),
])
def test_client_areas_by_profile(profile, areas):
    """DOS-4: each profile reaches what it should and no more (delivery: upload only; feedback: no documents)."""
    me, dossier = client(profile)
    assert [a.key for a in client_areas(principal_of(me), dossier)] == areas
    assert office_nav(principal_of(me)) == []


@pytest.mark.parametrize("scope, absent", [
    ("documents_archive", {"dashboard", "reports"}),
    ("feedback", {"upload", "documents"}),
])
def test_portal_scope_narrows_the_client_areas(scope, absent):
    """DOS-1: 'documents + archive' has no feedback, 'full feedback only' has no documents."""
    me, dossier = client("FULL_ACCESS", scope)
    keys = {a.key for a in client_areas(principal_of(me), dossier)}
    assert keys and not keys & absent


def test_no_area_on_a_dossier_without_profile():
    me, dossier = client("FULL_ACCESS")
    other = {**dossier, "id": "d2"}
    assert client_areas(principal_of(me), other) == []


@pytest.mark.parametrize("mode, profile, has_worklist", [
    ("collaborator", "FULL_ACCESS", False), ("hybrid", "FULL_ACCESS", True), ("client", "ADMINISTRATOR", True),
    ("hybrid", "DOCUMENT_PROCESSING", False),
])
def test_the_worklist_area_follows_the_validation_mode(mode, profile, has_worklist):
    """WL-11: clients correct proposals only in hybrid and client mode, and only with ADM / FA profiles."""
    me, dossier = client(profile)
    dossier["validation_mode"] = mode
    assert ("worklist" in [a.key for a in client_areas(principal_of(me), dossier)]) is has_worklist
