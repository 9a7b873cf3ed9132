"""The notify API on the real Postgres: COM-5 template overrides for the office's ADMIN only (validated before
saving, DELETE back to the standard, used by the next mail), a dossier's messages for those who may read them."""
from __future__ import annotations

import uuid

import httpx
import pytest
from runtime.auth.principal import ClientProfile, Principal, PrincipalKind, Role
from runtime.auth.tokens import TokenIssuer, TokenVerifier, generate_signing_key
from runtime.service import http_app
from runtime.testing import temp_pool

from notify.adapters.templates import PgTemplates
from notify.bootstrap import MIGRATIONS, SPEC
from notify.config import NotifySettings
from notify.handlers.compose import compose
from notify.handlers.context import Deps
from notify.handlers.notifications import dossier_projection, on_requested
from notify_testkit import OFFICE, PORTAL, dossier_changed, question, user, welcome

pytestmark = pytest.mark.integration
on_dossier_changed = dossier_projection(PORTAL)  # the dossier.changed use case, built once as notify's Deps build it
FOREIGN = uuid.uuid4()
DOSSIER = uuid.uuid4()
ANNA, BOB = user("anna@x.be", "fr", "full_access"), user("bob@x.be", "nl", "document_delivery")


@pytest.fixture
async def pool():
    async with temp_pool(NotifySettings(service="notify-test"), MIGRATIONS) as pool:
        async with pool.acquire() as conn, conn.transaction():
            await on_dossier_changed(conn, dossier_changed(DOSSIER, ANNA, BOB))
            await on_requested(conn, question(DOSSIER, "k", recipient=ANNA.user_id), PORTAL)
        yield pool


@pytest.fixture
def issuer() -> TokenIssuer:
    """The office's token signer, as the notify app under test trusts it."""
    return TokenIssuer(generate_signing_key(), "notify-test-kid", NotifySettings().jwt_issuer)


@pytest.fixture
async def client(pool, issuer):
    """notify's HTTP app on the test database, called in-process."""
    verifier = TokenVerifier(issuer=issuer.issuer, jwks=issuer.jwks())
    settings = NotifySettings(service="notify-test")
    app = http_app(SPEC, settings, Deps(pool=pool, settings=settings), token_verifier=verifier)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://notify") as http:
        yield http


def auth(issuer: TokenIssuer, who: str) -> dict[str, str]:
    office = str(OFFICE)
    people = {
        "ADMIN": Principal(str(uuid.uuid4()), PrincipalKind.COLLABORATOR, office, role=Role.ADMIN),
        "COLLABORATOR": Principal(str(uuid.uuid4()), PrincipalKind.COLLABORATOR, office, role=Role.COLLABORATOR,
                                  assigned_dossiers=frozenset({str(DOSSIER)})),
        "FOREIGN_ADMIN": Principal(str(uuid.uuid4()), PrincipalKind.COLLABORATOR, str(FOREIGN), role=Role.ADMIN),
        "ANNA": Principal(str(ANNA.user_id), PrincipalKind.CLIENT, office,
                          profiles={str(DOSSIER): ClientProfile.FULL_ACCESS}),
        "BOB": Principal(str(BOB.user_id), PrincipalKind.CLIENT, office,
                         profiles={str(DOSSIER): ClientProfile.DOCUMENT_DELIVERY}),
    }
    return {"authorization": f"Bearer {issuer.issue(people[who])}"}


async def test_templates_are_for_the_office_admin_only(client, issuer):
    """COM-5 (matrix template.manage: A): collaborators and clients are refused; no token is 401."""
    assert (await client.get("/templates")).status_code == 401
    for who in ("COLLABORATOR", "ANNA"):
        assert (await client.get("/templates", headers=auth(issuer, who))).status_code == 403
        assert (await client.put("/templates/user.welcome/nl", json={"subject": "x", "body": "y"},
                                 headers=auth(issuer, who))).status_code == 403
    listing = (await client.get("/templates", headers=auth(issuer, "ADMIN"))).json()["templates"]
    assert len(listing) == 28 and {t["source"] for t in listing} == {"standard"}  # 7 keys x 4 languages


async def test_an_override_is_validated_saved_used_and_deleted_back_to_the_standard(client, issuer, pool):
    """COM-5: PUT renders with sample params first (422 naming the problem), the office's version is used for
    the next mail of that office only, DELETE returns to the standard."""
    admin = auth(issuer, "ADMIN")
    bad = await client.put("/templates/user.welcome/nl", json={"subject": "Hoi", "body": "{{ lnik }}"}, headers=admin)
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_template"
    assert "lnik" in bad.json()["error"]["message"] and "link" in bad.json()["error"]["message"]
    assert (await client.put("/templates/user.nope/nl", json={"subject": "a", "body": "b"},
                             headers=admin)).status_code == 404
    good = await client.put("/templates/user.welcome/nl", headers=admin,
                            json={"subject": "Welkom bij {{ office_name }}", "body": "Klik: {{ link }}"})
    assert good.status_code == 200 and good.json()["preview"]["subject"] == "Welkom bij Fiduciaire Demo"
    got = (await client.get("/templates/user.welcome/nl", headers=admin)).json()
    assert got["source"] == "office" and got["body"] == "Klik: {{ link }}"
    assert (await client.get("/templates/user.welcome/nl", headers=auth(issuer, "FOREIGN_ADMIN"))).json()["source"] \
        == "standard"
    plan = await compose(welcome(language="nl", token="t1"), None, PgTemplates(pool), PORTAL)
    assert plan.mails[0].rendered.body == f"Klik: {PORTAL}/reset-password?token=t1&office=demo"
    other = await compose(welcome(language="nl", office=FOREIGN), None, PgTemplates(pool), PORTAL)
    assert other.mails[0].rendered.body.startswith("Beste")
    assert (await client.delete("/templates/user.welcome/nl", headers=admin)).status_code == 204
    assert (await client.get("/templates/user.welcome/nl", headers=admin)).json()["source"] == "standard"
    plan = await compose(welcome(language="nl"), None, PgTemplates(pool), PORTAL)
    assert plan.mails[0].rendered.body.startswith("Beste")


async def test_a_dossiers_messages_are_read_by_those_who_may(client, issuer):
    """COM-1, WL-6: the office and the addressee read the question; another office and other users do not."""
    path = f"/dossiers/{DOSSIER}/messages"
    for who in ("ADMIN", "COLLABORATOR", "ANNA"):
        messages = (await client.get(path, headers=auth(issuer, who))).json()["messages"]
        assert [m["text"] for m in messages] == ["Is this a private expense?"], who
    assert (await client.get(path, headers=auth(issuer, "FOREIGN_ADMIN"))).status_code == 403
    assert (await client.get(path, headers=auth(issuer, "BOB"))).status_code == 403  # document delivery only
    assert (await client.get(f"/dossiers/{uuid.uuid4()}/messages", headers=auth(issuer, "ADMIN"))).status_code == 403


async def test_the_outgoing_queue_shows_the_office_admin_its_mails(client, issuer):
    """COM-6 operations: an admin sees queued/failed mails of the office (no bodies), others are refused."""
    queued = (await client.get("/outgoing?status=queued", headers=auth(issuer, "ADMIN"))).json()["mails"]
    assert [m["to_address"] for m in queued] == ["anna@x.be"] and "body" not in queued[0]
    assert (await client.get("/outgoing?status=failed", headers=auth(issuer, "ADMIN"))).json()["mails"] == []
    assert (await client.get("/outgoing", headers=auth(issuer, "FOREIGN_ADMIN"))).json()["mails"] == []
    assert (await client.get("/outgoing", headers=auth(issuer, "COLLABORATOR"))).status_code == 403
