"""The shared policy: deny by default, never across offices, roles and profiles reach what the matrix says."""
import pytest

from runtime.auth.matrix import ACTIONS, MATRIX, Scope
from runtime.auth.policy import (POLICY, RULES, DossierRef, Forbidden, TablePolicy, allowed_rows, authorize, in_office,
                                 is_allowed, on_dossier)
from runtime.auth.principal import ApiKeyScope, ClientProfile, Principal, PrincipalKind, Role

SETTINGS = {"portal_scope": "documents_feedback", "validation_mode": "client", "payment_module": True,
            "financial_tab": True, "hide_financial_data": False}
OWN = DossierRef.from_settings("office-1", "d-own", SETTINGS, mailbox="purchases")  # assigned directly
GROUP = DossierRef.from_settings("office-1", "d-group", SETTINGS)  # reached through a client group
OTHER = DossierRef.from_settings("office-1", "d-other", SETTINGS)  # same office, not assigned
FOREIGN = DossierRef.from_settings("office-2", "d-own", SETTINGS)  # another office, even with the same dossier id


def collaborator(role: Role) -> Principal:
    return Principal(f"u-{role}", PrincipalKind.COLLABORATOR, "office-1", role=role,
                     assigned_dossiers=frozenset({"d-own"}), group_dossiers=frozenset({"d-group"}))


def client(profile: ClientProfile) -> Principal:
    return Principal(f"c-{profile}", PrincipalKind.CLIENT, "office-1", profiles={"d-own": profile})


API_KEY = Principal("k-1", PrincipalKind.API_KEY, "office-1", api_key_scope=ApiKeyScope("d-own", "purchases"))
EVERYONE = [collaborator(r) for r in Role] + [client(p) for p in ClientProfile] + [API_KEY]


@pytest.mark.parametrize("principal", EVERYONE, ids=lambda p: p.subject)
@pytest.mark.parametrize("action", sorted(RULES))
def test_another_office_is_always_refused_first(principal, action):
    with pytest.raises(Forbidden, match="another office"):
        authorize(principal, action, FOREIGN)


@pytest.mark.parametrize("principal", EVERYONE, ids=lambda p: p.subject)
def test_an_unknown_action_is_refused(principal):
    with pytest.raises(Forbidden, match="unknown action"):
        authorize(principal, "dossier.delete_everything", OWN)


def test_every_matrix_row_is_a_rule_of_the_shared_policy():
    assert set(RULES) == set(MATRIX) and POLICY.rules.keys() == RULES.keys()


@pytest.mark.parametrize(
    ("role", "own", "group", "other"),
    [(Role.ADMIN, True, True, True), (Role.COLLABORATOR, True, True, False), (Role.SUPPORT, True, False, False)],
)
def test_collaborators_reach_dossiers_by_role(role, own, group, other):
    """OFF-2: ADMIN all dossiers, COLLABORATOR assigned and client groups, SUPPORT assigned only."""
    principal = collaborator(role)
    assert [is_allowed(principal, "dossier.view", d) for d in (OWN, GROUP, OTHER)] == [own, group, other]


# (profile, view, upload, edit, archive, report, settings, users, mobile) on the client's own dossier (DOS-4)
PROFILE_MATRIX = [
    (ClientProfile.ADMINISTRATOR, True, True, True, True, True, True, True, True),
    (ClientProfile.FULL_ACCESS, True, True, True, True, True, False, False, True),
    (ClientProfile.DOCUMENT_PROCESSING, True, True, True, False, False, False, False, True),
    (ClientProfile.DOCUMENT_PROCESSING_ARCHIVE, True, True, True, True, False, False, False, True),
    (ClientProfile.FULL_FEEDBACK, True, False, False, True, True, False, False, False),
    (ClientProfile.DOCUMENT_DELIVERY, True, True, False, False, False, False, False, True),
]
ACTIONS_CHECKED = ["dossier.view", "document.upload", "document.edit", "archive.view", "report.view",
                   "dossier.settings.edit", "dossier.users.manage", "document.mobile_capture"]


@pytest.mark.parametrize("row", PROFILE_MATRIX, ids=[p[0].value for p in PROFILE_MATRIX])
def test_client_profiles_on_their_own_dossier(row):
    """DOS-4: the six profiles, as the feature catalogue describes them."""
    profile, *expected = row
    assert [is_allowed(client(profile), a, OWN) for a in ACTIONS_CHECKED] == expected


@pytest.mark.parametrize("profile", list(ClientProfile))
@pytest.mark.parametrize("action", [a.name for a in ACTIONS if a.scope is Scope.DOSSIER])
def test_clients_reach_no_dossier_where_they_hold_no_profile(profile, action):
    with pytest.raises(Forbidden, match="no profile"):
        authorize(client(profile), action, OTHER)


def test_an_api_key_may_only_upload_to_its_dossier_and_mailbox():
    """ING-4: API keys are scoped to one dossier and one mailbox."""
    allowed = {a.name for a in ACTIONS if is_allowed(API_KEY, a.name, OWN if a.scope is Scope.DOSSIER else None)}
    assert allowed == {"document.upload"}
    assert not is_allowed(API_KEY, "document.upload", OTHER)
    sales = DossierRef.from_settings("office-1", "d-own", SETTINGS, mailbox="sales")
    with pytest.raises(Forbidden, match="another mailbox"):
        authorize(API_KEY, "document.upload", sales)
    no_mailbox = DossierRef.from_settings("office-1", "d-own", SETTINGS)
    assert not is_allowed(API_KEY, "document.upload", no_mailbox)


def test_office_wide_actions_follow_the_role():
    """OFF-1/OFF-2: office settings and collaborators are managed by admins only."""
    assert is_allowed(collaborator(Role.ADMIN), "office.settings.edit")
    assert not is_allowed(collaborator(Role.COLLABORATOR), "office.settings.edit")
    assert is_allowed(collaborator(Role.COLLABORATOR), "collaborator.view")
    assert not is_allowed(collaborator(Role.SUPPORT), "collaborator.view")
    assert not is_allowed(client(ClientProfile.ADMINISTRATOR), "collaborator.manage")
    assert is_allowed(client(ClientProfile.DOCUMENT_DELIVERY), "self.view")
    assert not is_allowed(API_KEY, "self.view")


def test_dossier_actions_need_a_dossier():
    with pytest.raises(Forbidden, match="needs a dossier"):
        authorize(collaborator(Role.ADMIN), "dossier.view", None)


def test_support_has_worklists_but_no_settings_and_no_client_portal():
    """OFF-2: SUPPORT works assigned worklists only, no dossier settings, no client portal."""
    support = collaborator(Role.SUPPORT)
    assert is_allowed(support, "worklist.validate", OWN) and is_allowed(support, "proposal.send", OWN)
    for action in ("dossier.configure", "dossier.settings.edit", "dashboard.view", "archive.view", "document.view"):
        assert not is_allowed(support, action, OWN), action
    assert not is_allowed(support, "worklist.view", GROUP)
    assert is_allowed(collaborator(Role.COLLABORATOR), "dossier.configure", OWN)


def test_collaborators_cannot_use_the_mobile_capture():
    """ING-3: collaborator accounts cannot log into the mobile capture."""
    assert not any(is_allowed(collaborator(r), "document.mobile_capture", OWN) for r in Role)


@pytest.mark.parametrize(
    ("settings", "action", "allowed"),
    [
        ({"portal_scope": "feedback"}, "document.upload", False),  # DOS-1 full feedback only
        ({"portal_scope": "documents_archive"}, "document.upload", True),
        ({"portal_scope": "documents_archive"}, "dashboard.view", False),  # DOS-1 no feedback
        ({"validation_mode": "collaborator"}, "worklist.validate", False),  # WL-11
        ({"validation_mode": "hybrid"}, "worklist.validate", True),
        ({"validation_mode": "hybrid"}, "proposal.send", False),  # WL-11: in hybrid only the office sends
        ({"payment_module": False}, "payment.approve", False),  # PAY-10
        ({"hide_financial_data": True}, "financial.view", False),  # DOS-2
    ],
)
def test_dossier_settings_condition_client_cells(settings, action, allowed):
    """DOS-1, DOS-2, WL-11, PAY-10: the dossier's settings switch client rights on and off."""
    dossier = DossierRef.from_settings("office-1", "d-own", {**SETTINGS, **settings})
    assert is_allowed(client(ClientProfile.ADMINISTRATOR), action, dossier) is allowed


def test_a_missing_fact_refuses_a_conditional_cell():
    bare = DossierRef("office-1", "d-own")
    with pytest.raises(Forbidden, match="settings are needed"):
        authorize(client(ClientProfile.FULL_ACCESS), "document.upload", bare)
    assert is_allowed(client(ClientProfile.FULL_ACCESS), "dossier.view", bare)  # unconditional cells need no facts


def test_collaborators_are_not_bound_by_client_only_conditions():
    dossier = DossierRef.from_settings("office-1", "d-own", {**SETTINGS, "validation_mode": "collaborator",
                                                             "portal_scope": "feedback"})
    assert is_allowed(collaborator(Role.COLLABORATOR), "worklist.validate", dossier)
    assert is_allowed(collaborator(Role.COLLABORATOR), "document.upload", dossier)


def test_another_policy_can_be_given_and_is_still_deny_by_default():
    empty = TablePolicy({})
    with pytest.raises(Forbidden):
        authorize(collaborator(Role.ADMIN), "dossier.view", OWN, policy=empty)
    custom = TablePolicy({"x": on_dossier(frozenset({Role.ADMIN}), frozenset()), "y": in_office(frozenset({Role.ADMIN}))})
    assert is_allowed(collaborator(Role.ADMIN), "x", OWN, policy=custom)
    assert not is_allowed(collaborator(Role.SUPPORT), "y", policy=custom)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kind": PrincipalKind.COLLABORATOR},  # no role
        {"kind": PrincipalKind.CLIENT, "role": Role.ADMIN},  # role on a client
        {"kind": PrincipalKind.API_KEY},  # no scope
        {"kind": PrincipalKind.CLIENT, "api_key_scope": ApiKeyScope("d", "m")},
    ],
)
def test_inconsistent_principals_cannot_be_built(kwargs):
    with pytest.raises(ValueError):
        Principal("s", office_id="office-1", **kwargs)


def test_allowed_rows_keeps_the_dossiers_the_action_is_allowed_on():
    """A list over many dossiers (the monitor's counters, ACT-1): each row judged with its own dossier's settings."""
    rows = [{"dossier_id": "d-own", "settings": SETTINGS, "n": 1}, {"dossier_id": "d-other", "settings": SETTINGS},
            {"dossier_id": "d-group", "settings": None}]
    assert [r["dossier_id"] for r in allowed_rows(collaborator(Role.ADMIN), "sync.view", rows)] == [
        "d-own", "d-other", "d-group"]
    assert [r["dossier_id"] for r in allowed_rows(collaborator(Role.SUPPORT), "sync.view", rows)] == ["d-own"]
    assert allowed_rows(client(ClientProfile.ADMINISTRATOR), "sync.view", rows) == []
    feedback_only = {**SETTINGS, "portal_scope": "documents_archive"}
    assert allowed_rows(client(ClientProfile.FULL_ACCESS), "dashboard.view",
                        [{"dossier_id": "d-own", "settings": feedback_only}]) == []


def test_allowed_rows_judges_a_row_holding_its_dossiers_people_by_them_too():
    """Issue 15: a row with the replica's people (runtime.replica.allowed_rows adds them) is judged like a single
    dossier's action — by the token and by them; a row without them by the token alone."""
    who = collaborator(Role.COLLABORATOR)
    people = {"status": "active", "admins": ["u-admin"], "users": []}
    rows = [{"n": "still assigned", "dossier_id": "d-own", "settings": SETTINGS, **people,
             "assignments": [{"collaborator_id": who.subject, "role": "collaborator", "via": "direct"}]},
            {"n": "unassigned since", "dossier_id": "d-own", "settings": SETTINGS, **people, "assignments": []},
            {"n": "no people", "dossier_id": "d-own", "settings": SETTINGS}]
    assert [r["n"] for r in allowed_rows(who, "worklist.view", rows)] == ["still assigned", "no people"]
