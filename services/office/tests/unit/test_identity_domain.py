"""Credentials, lock-out and principals: argon2id, hashed secrets, growing locks, reach by role (OFF-2, DOS-4, ING-4)."""
import pytest
from runtime.auth.principal import ClientProfile, PrincipalKind, Role

from office.domain.credentials import (
    check_password_policy, digest, hash_password, new_api_key, new_secret, verify_password,
)
from office.domain.errors import InvalidInput
from office.domain.lockout import LockoutPolicy
from office.domain.principals import Account, principal_of


def test_passwords_are_hashed_with_argon2id_and_verified():
    stored = hash_password("correct horse battery")
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert verify_password(stored, "correct horse battery") == (True, False)
    assert verify_password(stored, "wrong") == (False, False)
    assert verify_password(None, "anything") == (False, False)
    assert verify_password("not-a-hash", "anything") == (False, False)


def test_password_policy_names_the_field():
    with pytest.raises(InvalidInput) as caught:
        check_password_policy("short", 10, "new_password")
    assert caught.value.field == "new_password" and "short" not in caught.value.message
    check_password_policy("long enough!", 10)


def test_secrets_are_random_and_only_their_digest_is_kept():
    a, b = new_secret(), new_secret()
    assert a != b and len(a) >= 43 and digest(a) != digest(b) and len(digest(a)) == 32
    prefix, key = new_api_key()
    assert key.startswith(f"bfk_{prefix}_") and len(key) > 50


@pytest.mark.parametrize(("failures", "seconds"), [(0, 0), (4, 0), (5, 30), (6, 60), (7, 120), (9, 480), (10, 900),
                                                   (60, 900)])
def test_lockout_doubles_after_the_threshold_up_to_a_cap(failures, seconds):
    assert LockoutPolicy(threshold=5, base_s=30, max_s=900).lock_seconds(failures) == seconds


def _account(kind: str, role: str | None) -> Account:
    return Account("u-1", "o-1", kind, "a@b.example", "A", "nl", role, True)


@pytest.mark.parametrize(("role", "assigned", "grouped"), [
    ("ADMIN", {"d-1"}, {"d-2"}),  # reaches every dossier by role; the lists say which are "mine"
    ("COLLABORATOR", {"d-1"}, {"d-2"}),
    ("SUPPORT", {"d-1"}, set()),  # assigned worklists only
])
def test_collaborator_principals_carry_the_reach_of_their_role(role, assigned, grouped):
    principal = principal_of(_account("collaborator", role), assigned=["d-1"], via_groups=["d-2"])
    assert principal.role is Role(role) and principal.kind is PrincipalKind.COLLABORATOR
    assert (principal.assigned_dossiers, principal.group_dossiers) == (assigned, grouped)


def test_client_principals_carry_their_profiles():
    principal = principal_of(_account("client", None), profiles={"d-1": "FULL_FEEDBACK"})
    assert principal.kind is PrincipalKind.CLIENT and principal.profiles == {"d-1": ClientProfile.FULL_FEEDBACK}
