"""The shared policy: deny by default, never across offices, roles and profiles reach what they should."""
import pytest

from runtime.auth.policy import POLICY, RULES, DossierRef, Forbidden, TablePolicy, authorize
from runtime.auth.principal import ApiKeyScope, ClientProfile, Principal, PrincipalKind, Role

OWN = DossierRef("office-1", "d-own")  # assigned directly
GROUP = DossierRef("office-1", "d-group")  # reached through a client group
OTHER = DossierRef("office-1", "d-other")  # same office, not assigned
FOREIGN = DossierRef("office-2", "d-own")  # another office, even with the same dossier id


def collaborator(role: Role) -> Principal:
    return Principal(f"u-{role}", PrincipalKind.COLLABORATOR, "office-1", role=role,
                     assigned_dossiers=frozenset({"d-own"}), group_dossiers=frozenset({"d-group"}))


def client(profile: ClientProfile) -> Principal:
    return Principal(f"c-{profile}", PrincipalKind.CLIENT, "office-1", profiles={"d-own": profile})


API_KEY = Principal("k-1", PrincipalKind.API_KEY, "office-1", api_key_scope=ApiKeyScope("d-own", "purchases"))


def allowed(principal: Principal, action: str, dossier: DossierRef | None) -> bool:
    try:
        authorize(principal, action, dossier)
    except Forbidden:
        return False
    return True


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


@pytest.mark.parametrize(
    ("role", "own", "group", "other"),
    [(Role.ADMIN, True, True, True), (Role.COLLABORATOR, True, True, False), (Role.SUPPORT, True, False, False)],
)
def test_collaborators_reach_dossiers_by_role(role, own, group, other):
    principal = collaborator(role)
    assert [allowed(principal, "dossier.view", d) for d in (OWN, GROUP, OTHER)] == [own, group, other]


# (profile, view, upload, edit, archive, report, settings) on the client's own dossier
PROFILE_MATRIX = [
    (ClientProfile.ADMINISTRATOR, True, True, True, True, True, True),
    (ClientProfile.FULL_ACCESS, True, True, True, True, True, False),
    (ClientProfile.DOCUMENT_PROCESSING, True, True, True, False, False, False),
    (ClientProfile.DOCUMENT_PROCESSING_ARCHIVE, True, True, True, True, False, False),
    (ClientProfile.FULL_FEEDBACK, True, False, False, True, True, False),
    (ClientProfile.DOCUMENT_DELIVERY, True, True, False, False, False, False),
]
ACTIONS = ["dossier.view", "document.upload", "document.edit", "archive.view", "report.view", "dossier.settings"]


@pytest.mark.parametrize("row", PROFILE_MATRIX, ids=[p[0].value for p in PROFILE_MATRIX])
def test_client_profiles_on_their_own_dossier(row):
    profile, *expected = row
    assert [allowed(client(profile), a, OWN) for a in ACTIONS] == expected


@pytest.mark.parametrize("profile", list(ClientProfile))
@pytest.mark.parametrize("action", ACTIONS)
def test_clients_reach_no_dossier_where_they_hold_no_profile(profile, action):
    with pytest.raises(Forbidden, match="no profile"):
        authorize(client(profile), action, OTHER)


def test_an_api_key_reaches_only_its_dossier_and_only_upload():
    assert allowed(API_KEY, "document.upload", OWN)
    assert not allowed(API_KEY, "document.upload", OTHER)
    assert not allowed(API_KEY, "dossier.view", OWN)


def test_office_wide_actions_are_for_admins_only():
    assert allowed(collaborator(Role.ADMIN), "office.manage", None)
    assert not allowed(collaborator(Role.COLLABORATOR), "office.manage", None)
    assert not allowed(client(ClientProfile.ADMINISTRATOR), "office.manage", None)


def test_dossier_actions_need_a_dossier():
    with pytest.raises(Forbidden, match="needs a dossier"):
        authorize(collaborator(Role.ADMIN), "dossier.view", None)


def test_support_may_not_change_dossier_settings_even_when_assigned():
    assert not allowed(collaborator(Role.SUPPORT), "dossier.settings", OWN)
    assert allowed(collaborator(Role.COLLABORATOR), "dossier.settings", OWN)


def test_another_policy_can_be_given_and_is_still_deny_by_default():
    empty = TablePolicy({})
    with pytest.raises(Forbidden):
        authorize(collaborator(Role.ADMIN), "dossier.view", OWN, policy=empty)
    assert POLICY.rules is not empty.rules


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
