"""Identity use cases on the in-memory unit of work: lock-out, refresh rotation and reuse, links sent on commit."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from contracts.events.notifications import NotificationRequested

from office.config import OfficeSettings
from office.domain.credentials import hash_password
from office.domain.errors import Conflict, InvalidLink, InvalidRefreshToken, LockedOut, LoginFailed
from office.domain.office import Office
from office.handlers import collaborators, identity
from office.handlers.context import Caller, Deps, principal_for

from office_memory import MemoryUnitOfWork

ACME = Office(id=str(uuid.uuid4()), slug="acme", name="Acme", portal_name="Acme portal", default_language="nl")
PASSWORD = "correct horse battery"


class FakeKeyring:
    """Signs nothing: a token names its subject (the keyring itself is tested on its own)."""

    async def issue(self, principal, ttl_s, extra_claims=None):
        return f"token-of-{principal.subject}"


class Clock:
    def __init__(self):
        self.now = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)

    def __call__(self):
        return self.now


@pytest.fixture
def memory():
    uow = MemoryUnitOfWork()
    uow.offices.add(ACME)
    return uow


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def deps(memory, clock):
    settings = OfficeSettings(service="office-unit", office_lockout_threshold=2, office_lockout_base_s=30)
    return Deps(pool=None, settings=settings, keyring=FakeKeyring(), unit_of_work=memory, clock=clock)  # type: ignore[arg-type]


@pytest.fixture
async def ada(memory):
    async with memory:
        return await memory.accounts.create(office_id=ACME.id, kind="collaborator", email="ada@acme.test",
                                            name="Ada", language="nl", role="ADMIN",
                                            password_hash=hash_password(PASSWORD))


async def test_repeated_failures_lock_the_address_out_and_a_success_forgets_them(deps, clock, ada):
    with pytest.raises(LoginFailed):
        await identity.login(deps, "ada@acme.test", "wrong", "10.0.0.1")
    with pytest.raises(LockedOut) as locked:
        await identity.login(deps, "ada@acme.test", "wrong", "10.0.0.1")
    assert locked.value.retry_after == 30
    with pytest.raises(LockedOut):  # even with the right password while locked
        await identity.login(deps, "ada@acme.test", PASSWORD, "10.0.0.1")
    clock.now += timedelta(seconds=31)
    tokens = await identity.login(deps, "ADA@acme.test", PASSWORD, "10.0.0.1")
    assert tokens["access_token"] == f"token-of-{ada.id}"
    with pytest.raises(LoginFailed):  # the count started again
        await identity.login(deps, "ada@acme.test", "wrong", "10.0.0.1")


async def test_a_refresh_token_rotates_once_and_its_reuse_ends_the_chain(deps, ada):
    first = await identity.login(deps, "ada@acme.test", PASSWORD)
    second = await identity.refresh(deps, first["refresh_token"])
    with pytest.raises(InvalidRefreshToken):
        await identity.refresh(deps, first["refresh_token"])  # reuse: the whole family is revoked
    with pytest.raises(InvalidRefreshToken):
        await identity.refresh(deps, second["refresh_token"])
    third = await identity.login(deps, "ada@acme.test", PASSWORD)
    await identity.logout(deps, third["refresh_token"])
    with pytest.raises(InvalidRefreshToken):
        await identity.refresh(deps, third["refresh_token"])


async def test_a_welcome_link_is_published_with_the_new_collaborator_and_sets_a_password_once(memory, deps, ada):
    admin = Caller(await principal_for(memory.dossiers, ada), ada, ACME)
    made = await collaborators.create_collaborator(deps, admin, {"email": "bo@acme.test", "name": "Bo",
                                                                 "role": "COLLABORATOR"})
    [welcome] = [e for e in memory.published if isinstance(e, NotificationRequested)]
    assert (welcome.template, str(welcome.recipient.user_id), welcome.params["office_name"]) == (
        "user.welcome", made["id"], "Acme")
    with pytest.raises(Conflict):
        await collaborators.create_collaborator(deps, admin, {"email": "BO@acme.test", "name": "B", "role": "ADMIN"})
    await identity.confirm_password(deps, welcome.params["link_token"], "a new long password")
    assert (await identity.login(deps, "bo@acme.test", "a new long password"))["access_token"]
    with pytest.raises(InvalidLink):
        await identity.confirm_password(deps, welcome.params["link_token"], "another long password")
