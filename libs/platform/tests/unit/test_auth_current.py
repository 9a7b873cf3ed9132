"""Issue 15: a role, assignment or profile changed at the office counts at once in every service holding the
dossier replica — the policy judges the caller by the replica's people (runtime.auth.current), not by the claims
of a token issued up to 15 minutes earlier."""
from dataclasses import replace

import pytest

from runtime.auth.current import DossierAccess
from runtime.auth.policy import DossierRef, Forbidden, authorize
from runtime.auth.principal import ClientProfile, Principal, PrincipalKind, Role

SETTINGS = {"portal_scope": "documents_feedback", "validation_mode": "client", "payment_module": True,
            "financial_tab": True, "hide_financial_data": False}
DOSSIER = DossierRef.from_settings("office-1", "d-1", SETTINGS)
ADMIN_TOKEN = Principal("u-ann", PrincipalKind.COLLABORATOR, "office-1", role=Role.ADMIN)
COLLAB_TOKEN = Principal("u-bart", PrincipalKind.COLLABORATOR, "office-1", role=Role.COLLABORATOR,
                         assigned_dossiers=frozenset({"d-1"}))
CLIENT_TOKEN = Principal("c-dana", PrincipalKind.CLIENT, "office-1", profiles={"d-1": ClientProfile.ADMINISTRATOR})


def now(users=(), assignments=(), admins=("u-ann",)) -> DossierRef:
    return replace(DOSSIER, access=DossierAccess.from_rows(users, assignments, admins))


def assigned(who: str, role: str, via: str = "direct", worklists_only: bool = False) -> dict:
    return {"collaborator_id": who, "role": role, "via": via, "worklists_only": worklists_only}


def test_an_admin_demoted_meanwhile_no_longer_reaches_a_dossier_they_are_not_on():
    authorize(ADMIN_TOKEN, "dossier.configure", now())
    with pytest.raises(Forbidden, match="not assigned"):
        authorize(ADMIN_TOKEN, "worklist.view", now(admins=("u-other",)))
    older = now(admins=None)
    assert older.access is None, "a snapshot that names no admins (an older one, a test world): the token decides"
    authorize(ADMIN_TOKEN, "worklist.view", older)
    authorize(COLLAB_TOKEN, "worklist.view", older)


def test_a_collaborator_unassigned_or_given_another_role_meanwhile_is_judged_by_the_replica():
    authorize(COLLAB_TOKEN, "worklist.edit", now(assignments=[assigned("u-bart", "collaborator")]))
    with pytest.raises(Forbidden, match="not assigned"):
        authorize(COLLAB_TOKEN, "worklist.view", now(assignments=[]))
    with pytest.raises(Forbidden, match="worklists"):
        authorize(COLLAB_TOKEN, "dossier.configure",
                  now(assignments=[assigned("u-bart", "collaborator", worklists_only=True)]))
    authorize(COLLAB_TOKEN, "worklist.edit", now(assignments=[], admins=("u-ann", "u-bart")))


def test_the_replica_only_takes_rights_away_a_promotion_counts_with_the_next_token():
    """The replica may be the stale one (its dossier.changed not applied yet while a token issued after the change is
    in use): only what both the token and the replica allow is allowed."""
    promoted = now(assignments=[assigned("u-bart", "collaborator")], admins=("u-ann", "u-bart"))
    authorize(replace(COLLAB_TOKEN, role=Role.ADMIN), "dossier.assign", promoted)  # the next token: allowed
    with pytest.raises(Forbidden, match="role COLLABORATOR may not"):
        authorize(COLLAB_TOKEN, "dossier.assign", promoted)
    demoted_later = replace(ADMIN_TOKEN, role=Role.SUPPORT)  # a newer token than the replica (still saying admin)
    with pytest.raises(Forbidden, match="not assigned"):
        authorize(demoted_later, "worklist.view", now())
    newcomer = Principal("c-eve", PrincipalKind.CLIENT, "office-1")
    with pytest.raises(Forbidden, match="no profile"):
        authorize(newcomer, "document.upload", now(users=[{"user_id": "c-eve", "profile": "administrator", "active": True}]))


def test_a_client_users_profile_is_the_replicas():
    row = {"user_id": "c-dana", "profile": "administrator", "active": True}
    authorize(CLIENT_TOKEN, "dossier.users.manage", now(users=[row]))
    with pytest.raises(Forbidden, match="profile DOCUMENT_DELIVERY"):
        authorize(CLIENT_TOKEN, "dossier.users.manage", now(users=[{**row, "profile": "document_delivery"}]))
    for gone in ([], [{**row, "active": False}]):
        with pytest.raises(Forbidden, match="no profile"):
            authorize(CLIENT_TOKEN, "document.upload", now(users=gone))


def test_only_the_dossier_asked_about_changes():
    other = Principal("u-bart", PrincipalKind.COLLABORATOR, "office-1", role=Role.COLLABORATOR,
                      assigned_dossiers=frozenset({"d-1", "d-2"}))
    seen = now(assignments=[]).access.current(other, "d-1")
    assert seen.assigned_dossiers == frozenset({"d-2"}) and seen.role is Role.COLLABORATOR


def test_a_fact_the_replica_cannot_read_refuses():
    """A role or profile the replica holds but the policy does not know, an archived dossier (clients), a collaborator
    on it through a group whose assignment the replica no longer names: refused, never an error or a grant."""
    with pytest.raises(Forbidden, match="no profile"):
        authorize(CLIENT_TOKEN, "document.view", now(users=[{"user_id": "c-dana", "profile": "owner", "active": True}]))
    with pytest.raises(Forbidden, match="not assigned"):
        authorize(COLLAB_TOKEN, "worklist.view", now(assignments=[assigned("u-bart", "intern")]))
    row = {"user_id": "c-dana", "profile": "administrator", "active": True}
    archived = replace(DOSSIER, access=DossierAccess.from_rows([row], [], ("u-ann",), archived=True))
    with pytest.raises(Forbidden, match="no profile"):
        authorize(CLIENT_TOKEN, "document.view", archived)
    grouped = Principal("u-bart", PrincipalKind.COLLABORATOR, "office-1", role=Role.COLLABORATOR,
                        group_dossiers=frozenset({"d-1"}))
    authorize(grouped, "worklist.view", now(assignments=[assigned("u-bart", "collaborator", via="client_group")]))
    with pytest.raises(Forbidden, match="not assigned"):
        authorize(grouped, "worklist.view", now(assignments=[]))


def test_office_wide_actions_and_api_keys_keep_to_the_token():
    """The replica speaks for one dossier's people: an office-wide action is the token's (office re-reads the caller
    for its own), and an API key (no person) is judged by its scope as before."""
    from runtime.auth.principal import ApiKeyScope
    authorize(ADMIN_TOKEN, "monitor.view", now(admins=("u-other",)))
    key = Principal("k-1", PrincipalKind.API_KEY, "office-1", api_key_scope=ApiKeyScope("d-1", "purchases"))
    authorize(key, "document.upload", replace(now(), mailbox="purchases"))


async def test_the_replica_resolver_judges_by_the_people_only_when_its_row_has_them():
    """A service whose own dossier row carries no people (sync-connector's table) keeps the token's judgement; a row
    from runtime.replica with people but no admins (an older snapshot) too; with admins, the replica decides."""
    import uuid

    from runtime.auth.fastapi import replica_resolver
    dossier = uuid.uuid4()
    rows = {"own table": {"office_id": "office-1", "settings": SETTINGS},
            "older snapshot": {"office_id": "office-1", "settings": SETTINGS, "users": [], "assignments": [],
                               "admins": None, "status": "active"},
            "now": {"office_id": "office-1", "settings": SETTINGS, "users": [], "assignments": [],
                    "admins": [uuid.uuid4()], "status": "active"}}
    token = replace(COLLAB_TOKEN, assigned_dossiers=frozenset({str(dossier)}))
    for name, row in rows.items():
        async def lookup(key, row=row):
            return row if key == dossier else None
        resolve = replica_resolver(lookup)
        ref = await resolve(str(dossier))
        if name == "now":
            with pytest.raises(Forbidden, match="not assigned"):
                authorize(token, "worklist.view", ref)
        else:
            assert ref.access is None, name
            authorize(token, "worklist.view", ref)
        assert await resolve(str(uuid.uuid4())) is None and await resolve("not-a-uuid") is None
