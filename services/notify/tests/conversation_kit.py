"""The conversation tests' world on the real Postgres: a dossier with four client users and an assigned
collaborator (and QUIET, with none), a question in each, and as_(name): notify's app in process with that
person's token (COM-1, COM-2, COM-4)."""
from __future__ import annotations

import uuid

import httpx
import pytest
from contracts.events.dossiers import Assignment, DossierChanged, DossierSnapshot
from runtime.auth.principal import ClientProfile, Principal, PrincipalKind, Role
from runtime.auth.tokens import TokenIssuer, TokenVerifier, generate_signing_key
from runtime.service import http_app
from runtime.storage import FakeObjectStore
from runtime.testing import temp_pool

from notify.bootstrap import MIGRATIONS, SPEC
from notify.config import NotifySettings
from notify.handlers.context import Deps
from notify.handlers.notifications import dossier_projection, on_requested
from notify_testkit import OFFICE, PORTAL, question, user

on_dossier_changed = dossier_projection(PORTAL)  # the dossier.changed use case, built once as notify's Deps build it

DOSSIER, QUIET = uuid.uuid4(), uuid.uuid4()  # QUIET: no collaborator assigned, so no office address known
ANNA, CARL = user("anna@x.be", "fr", "full_access"), user("carl@x.be", "de", "full_access")
BOB, DAN = user("bob@x.be", "nl", "document_processing"), user("dan@x.be", "nl", "document_delivery")
JAN = Assignment(collaborator_id=uuid.uuid4(), email="jan@office.be", name="Jan Claes", role="collaborator",
                 language="nl")
PEOPLE = {
    "JAN": Principal(str(JAN.collaborator_id), PrincipalKind.COLLABORATOR, str(OFFICE), role=Role.COLLABORATOR,
                     assigned_dossiers=frozenset({str(DOSSIER), str(QUIET)})),
    "ADMIN": Principal(str(uuid.uuid4()), PrincipalKind.COLLABORATOR, str(OFFICE), role=Role.ADMIN),
    "FOREIGN": Principal(str(uuid.uuid4()), PrincipalKind.COLLABORATOR, str(uuid.uuid4()), role=Role.ADMIN),
    **{name: Principal(str(u.user_id), PrincipalKind.CLIENT, str(OFFICE),
                       profiles={str(DOSSIER): ClientProfile(u.profile.upper()),
                                 str(QUIET): ClientProfile(u.profile.upper())})
       for name, u in (("ANNA", ANNA), ("CARL", CARL), ("BOB", BOB), ("DAN", DAN))},
}


def changed(dossier: uuid.UUID, *assignments: Assignment) -> DossierChanged:
    return DossierChanged(correlation_id="test", office_id=OFFICE, dossier_id=dossier, change="users",
                          dossier=DossierSnapshot(name="Bakkerij Janssens BV", users=(ANNA, CARL, BOB, DAN),
                                                  assignments=assignments))


@pytest.fixture
async def pool():
    async with temp_pool(NotifySettings(service="notify-test"), MIGRATIONS) as pool:
        async with pool.acquire() as conn, conn.transaction():
            await on_dossier_changed(conn, changed(DOSSIER, JAN))
            await on_dossier_changed(conn, changed(QUIET))
            await on_requested(conn, question(DOSSIER, "k"), PORTAL)                       # to all full access
            await on_requested(conn, question(QUIET, "k"), PORTAL)
        yield pool


@pytest.fixture
def store() -> FakeObjectStore:
    """The object store of message files (in memory)."""
    return FakeObjectStore()


@pytest.fixture
async def as_(pool, store):
    """as_(name) -> an httpx client of notify's app in process, with that person's token."""
    issuer = TokenIssuer(generate_signing_key(), "notify-test-kid", NotifySettings().jwt_issuer)
    settings = NotifySettings(service="notify-test", notify_portal_url=PORTAL)
    app = http_app(SPEC, settings, Deps(pool=pool, settings=settings, store=store),
                   token_verifier=TokenVerifier(issuer=issuer.issuer, jwks=issuer.jwks()))
    clients = []

    def make(name: str) -> httpx.AsyncClient:
        c = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://notify",
                              headers={"authorization": f"Bearer {issuer.issue(PEOPLE[name])}"})
        clients.append(c)
        return c

    yield make
    for c in clients:
        await c.aclose()


def base(dossier: uuid.UUID = DOSSIER) -> str:
    return f"/dossiers/{dossier}/conversations"


async def only_thread(client: httpx.AsyncClient, dossier: uuid.UUID = DOSSIER) -> dict:
    threads = (await client.get(base(dossier))).json()["conversations"]
    assert len(threads) == 1, threads
    return threads[0]


async def mails(pool, template: str = "conversation.message") -> list[dict]:
    rows = await pool.fetch("SELECT to_address, language, subject, body, dossier_id FROM outgoing_mail "
                            "WHERE template = $1 ORDER BY to_address", template)
    return [dict(r) for r in rows]
