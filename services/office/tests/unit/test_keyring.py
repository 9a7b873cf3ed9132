"""The keyring on the memory signing keys: it signs with the newest key, keeps verifying with rotated ones, and
reloads the keys (at most once per interval) when a token names a key another instance made."""
import uuid
from datetime import datetime, timedelta, timezone

import jwt
import pytest
from runtime.auth.principal import Principal, PrincipalKind, Role
from runtime.auth.tokens import Unauthenticated

from office.adapters import keyring
from office.adapters.keyring import KeyRing
from office.config import OfficeSettings

from office_memory import MemoryUnitOfWork

SETTINGS = OfficeSettings(service="office-unit")
ADA = Principal(str(uuid.uuid4()), PrincipalKind.COLLABORATOR, str(uuid.uuid4()), role=Role.ADMIN)


class Clock:
    """The real now (tokens are checked against it), moved by an offset."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(timezone.utc) + self.offset


async def rotate(ring: KeyRing, clock: Clock) -> None:
    """What a start after the rotation period does, then back to now."""
    clock.offset = timedelta(days=SETTINGS.office_signing_key_rotation_days + 1)
    await ring.load()
    clock.offset = timedelta()


def kid(token: str) -> str:
    return jwt.get_unverified_header(token)["kid"]


async def test_the_newest_key_signs_and_a_rotated_one_keeps_verifying():
    store, clock = MemoryUnitOfWork(), Clock()
    ring = KeyRing(store, SETTINGS, clock)
    old = await ring.issue(ADA, 60)
    assert [k["kid"] for k in (await ring.public_jwks())["keys"]] == [kid(old)]
    await rotate(ring, clock)
    new = await ring.issue(ADA, 60)
    assert kid(new) != kid(old)
    assert {k["kid"] for k in (await ring.public_jwks())["keys"]} == {kid(old), kid(new)}
    assert [(await ring.verify(t)).subject for t in (old, new)] == [ADA.subject, ADA.subject]


async def test_a_key_of_another_instance_is_loaded_on_its_first_token_once_the_interval_passed(monkeypatch):
    store, clock = MemoryUnitOfWork(), Clock()
    mine, theirs = KeyRing(store, SETTINGS, clock), KeyRing(store, SETTINGS, clock)
    await mine.public_jwks()
    await rotate(theirs, clock)
    token = await theirs.issue(ADA, 60)
    with pytest.raises(Unauthenticated):  # loaded just now: no reload yet
        await mine.verify(token)
    monkeypatch.setattr(keyring, "_RELOAD_INTERVAL_S", 0.0)
    assert (await mine.verify(token)).subject == ADA.subject
