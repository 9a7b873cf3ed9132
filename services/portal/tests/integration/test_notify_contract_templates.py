"""The fake notify (portal_testkit/notify_fake_templates.py) and the real notify app answer the portal's
NotifyClient template methods alike (COM-5, COM-6): the same suite runs against both — the mail list per key and
language with its source, an office version saved with a preview and refused 422 ``invalid_template`` naming the
placeholder, back to the standard, conversation templates added (422 naming a blank field), listed and deleted
(404 when unknown), a collaborator refused 403. The real one runs in process on a throw-away database; change the
fake when this fails, never the assertions."""
from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
import pytest
from runtime.auth.principal import Principal, PrincipalKind, Role
from runtime.auth.tokens import TokenIssuer, TokenVerifier, generate_signing_key
from runtime.service import http_app
from runtime.storage import FakeObjectStore
from runtime.testing import temp_pool

from portal.adapters.notify import NotifyClient, NotifyError
from portal.domain.mail_templates import MAIL_TEMPLATES
from portal_testkit.notify_fake import FakeNotify, build_fake_notify
from portal_testkit.office_state import seeded

pytestmark = pytest.mark.integration
KEY = "worklist.question"


@dataclass
class Side:
    admin: NotifyClient
    collaborator: NotifyClient


@asynccontextmanager
async def real_side() -> AsyncIterator[Side]:
    from notify.bootstrap import MIGRATIONS, SPEC
    from notify.config import NotifySettings
    from notify.handlers.context import Deps

    settings = NotifySettings(service="notify-contract", notify_portal_url="https://portal.example")
    office = str(uuid.uuid4())
    async with temp_pool(settings, MIGRATIONS) as pool:
        issuer = TokenIssuer(generate_signing_key(), "contract-kid", settings.jwt_issuer)
        app = http_app(SPEC, settings, Deps(pool=pool, settings=settings, store=FakeObjectStore()),
                       token_verifier=TokenVerifier(issuer=issuer.issuer, jwks=issuer.jwks()))
        admin = issuer.issue(Principal(str(uuid.uuid4()), PrincipalKind.COLLABORATOR, office, role=Role.ADMIN))
        colin = issuer.issue(Principal(str(uuid.uuid4()), PrincipalKind.COLLABORATOR, office, role=Role.COLLABORATOR))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://notify") as http:
            yield Side(NotifyClient(http, admin), NotifyClient(http, colin))


@asynccontextmanager
async def fake_side() -> AsyncIterator[Side]:
    office = seeded()
    office.access_tokens["admin-token"] = office.user_by_email("admin@demo.test").id
    office.access_tokens["collab-token"] = office.user_by_email("collab@demo.test").id
    transport = httpx.ASGITransport(app=build_fake_notify(FakeNotify(office)))
    async with httpx.AsyncClient(transport=transport, base_url="http://notify") as http:
        yield Side(NotifyClient(http, "admin-token"), NotifyClient(http, "collab-token"))


@pytest.fixture(params=["fake", "real"])
async def side(request) -> AsyncIterator[Side]:
    async with (fake_side() if request.param == "fake" else real_side()) as found:
        yield found


async def test_mail_templates_saved_previewed_refused_and_reset(side: Side):
    listed = await side.admin.mail_templates()
    assert {(r["key"], r["language"]) for r in listed} == {(k, lang) for k in MAIL_TEMPLATES
                                                          for lang in ("nl", "fr", "de", "en")}
    assert {r["source"] for r in listed} == {"standard"}
    standard = await side.admin.mail_template(KEY, "fr")
    assert standard["source"] == "standard" and standard["subject"] and "{{" in standard["body"]

    saved = await side.admin.save_mail_template(KEY, "fr", "Q: {{ invoice_number }}", "Bonjour {{ recipient_name }}")
    assert saved["source"] == "office" and {"subject", "body"} <= saved["preview"].keys()
    assert "{{" not in saved["preview"]["subject"] + saved["preview"]["body"]
    mine = await side.admin.mail_template(KEY, "fr")
    assert (mine["source"], mine["subject"]) == ("office", "Q: {{ invoice_number }}")
    assert {(r["key"], r["language"]) for r in await side.admin.mail_templates() if r["source"] == "office"} == {
        (KEY, "fr")}

    with pytest.raises(NotifyError) as refused:
        await side.admin.save_mail_template(KEY, "fr", "Q", "Bonjour {{ nom_inconnu }}")
    assert (refused.value.status, refused.value.code) == (422, "invalid_template")
    assert "nom_inconnu" in refused.value.message

    await side.admin.reset_mail_template(KEY, "fr")
    assert (await side.admin.mail_template(KEY, "fr"))["source"] == "standard"
    with pytest.raises(NotifyError) as unknown:
        await side.admin.mail_template("no.such", "fr")
    assert (unknown.value.status, unknown.value.code) == (404, "unknown_template")


async def test_conversation_templates_added_listed_and_deleted(side: Side):
    made = await side.admin.add_conversation_template("Rappel", "fr", "TVA {{ previous_quarter }}", "Bonjour")
    assert {"id", "name", "language", "subject", "body"} <= made.keys() and made["language"] == "fr"
    assert [t["name"] for t in await side.admin.conversation_templates()] == ["Rappel"]
    with pytest.raises(NotifyError) as blank:
        await side.admin.add_conversation_template(" ", "fr", "s", "b")
    assert blank.value.status == 422 and [d["field"].split(".")[-1] for d in blank.value.details] == ["name"]
    await side.admin.delete_conversation_template(str(made["id"]))
    assert await side.admin.conversation_templates() == []
    with pytest.raises(NotifyError) as gone:
        await side.admin.delete_conversation_template(str(made["id"]))
    assert (gone.value.status, gone.value.code) == (404, "conversation_template_not_found")


async def test_a_collaborator_may_not_manage_templates(side: Side):
    for call in (side.collaborator.mail_templates(), side.collaborator.conversation_templates(),
                 side.collaborator.save_mail_template(KEY, "fr", "s", "b")):
        with pytest.raises(NotifyError) as refused:
            await call
        assert refused.value.status == 403
