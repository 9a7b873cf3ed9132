"""Issue 13 item 1: text from a request or a backend never becomes markup on a portal page.

The portal's templates used ``_()`` on backend messages (Jinja2's newstyle gettext returns Markup), so a backend
echoing a request parameter put live HTML on the page: ``/dossiers/<id>/documents?sort=<form hx-post=…
hx-trigger="load">`` made an office admin's browser create a collaborator. The route tests here run the real portal
in process against backends that answer with hostile messages (whatever a backend may echo, the portal escapes it),
one per template slot: the error page (``error``), the new-conversation form (``errors.text``, ``errors.subject``),
a thread's reply (``error``) and the annotation form (``message``). The browser tests (real chromium, real office,
ingest and portal) open the crafted link as the office admin, and inject an htmx form into a page to check that it
cannot post with the page's CSRF token.
"""
from __future__ import annotations

import importlib.util
import re
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import httpx
import pytest
from fastapi import FastAPI
from fastapi.responses import JSONResponse

PORTAL_TESTS = Path(__file__).resolve().parents[2] / "services" / "portal" / "tests"
sys.path.insert(0, str(PORTAL_TESTS))

from portal.entrypoints.http.rendering import Renderer  # noqa: E402
from portal_testkit.browser import LOGINS, dossier_ids, log_in, office_api  # noqa: E402
from portal_testkit.harness import attach_service, csrf_of, login, portal_client  # noqa: E402
from portal_testkit.notify_fake import FakeNotify, build_fake_notify  # noqa: E402
from portal_testkit.office_state import PASSWORD, seeded  # noqa: E402
from portal_testkit.worklist_fake import FakeWorklist, build_fake_worklist  # noqa: E402
from portal_testkit.worklist_pages import bakery_of, fake_office_app, form_values  # noqa: E402

pytestmark = pytest.mark.integration
# the browser tests' fixtures (a live office, ingest and portal; a fresh chromium) are the portal suite's own
_spec = importlib.util.spec_from_file_location("portal_browser_fixtures", PORTAL_TESTS / "e2e" / "conftest.py")
_browser = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_browser)
platform, browser_page = _browser.platform, _browser.browser_page
ADMIN, COLLAB, FULL = "admin@demo.test", "collab@demo.test", "full_access@client.test"
TAKEOVER = ('<form hx-post="/office/collaborators" hx-trigger="load"><input name="email" value="eve@evil.test">'
            '<input name="name" value="Eve"><input name="role" value="ADMIN"><input name="language" value="en">'
            '</form><b id="injected">bold</b>')


def assert_shown_as_text(html: str) -> None:
    """The hostile markup is on the page as text (escaped), never as an element."""
    assert "&lt;form hx-post=&#34;/office/collaborators&#34;" in html or \
        "&lt;form hx-post=&quot;/office/collaborators&quot;" in html, "the hostile text is not shown"
    assert "<form hx-post=\"/office/collaborators\"" not in html and '<b id="injected">' not in html


class Refusing:
    """A backend (ASGI) that answers ``status`` with a hostile ``message`` to one route; the rest goes to ``app``."""

    def __init__(self, app, method: str, path: str, status: int, message: str, code: str = "invalid") -> None:
        self.app, self.method, self.path, self.status = app, method, re.compile(path), status
        self.body = {"error": {"code": code, "message": message}}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] == self.method and self.path.search(scope["path"]):
            await JSONResponse(self.body, status_code=self.status)(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def echoing_ingest() -> FastAPI:
    """An ingest whose list refuses an unknown sort by repeating it (what ingest did before issue 13), under a code
    the portal has no text for, so the portal shows the service's own words (issue 19 item 4's fallback)."""
    app = FastAPI()

    @app.get("/dossiers/{dossier_id}/mailboxes/{box}/documents")
    async def documents(dossier_id: str, box: str, sort: str = "") -> JSONResponse:
        return JSONResponse({"error": {"code": "sort_not_known", "message": f"cannot sort by {sort!r}"}},
                            status_code=422)

    return app


async def open_documents_with(sort: str) -> httpx.Response:
    fake = seeded()
    async with portal_client(fake_office_app(fake)) as client:
        attach_service(client, "ingest", echoing_ingest())
        await login(client, ADMIN, PASSWORD)
        page = await client.get(f"/dossiers/{bakery_of(fake)}/documents", params={"sort": sort})
    assert fake.user_by_email("eve@evil.test") is None
    return page


async def test_the_error_page_shows_a_backends_echo_of_the_link_as_text():
    """error.html: the crafted link's sort, echoed by the backend, is text on the 422 page, not a form."""
    page = await open_documents_with(TAKEOVER)
    assert page.status_code == 422 and "Request refused" in page.text
    assert_shown_as_text(page.text)


async def test_a_format_string_in_a_backends_message_is_shown_not_interpreted():
    """error.html: ``%(x)s`` or a lone ``%`` in an echoed value used to raise in gettext's formatting (500)."""
    for sort in ("%(x)s", "100% <i>", "%d"):
        page = await open_documents_with(sort)
        assert page.status_code == 422, (sort, page.status_code)
    assert "100% &lt;i&gt;" in page.text or "%d" in page.text


async def test_catalog_texts_are_still_translated_on_the_error_page():
    """The fix does not loosen translation: a catalog text (the error's title) is in the user's language."""
    fake = seeded()
    async with portal_client(fake_office_app(fake)) as client:
        attach_service(client, "ingest", echoing_ingest())
        await login(client, ADMIN, PASSWORD)
        await client.post("/language", data={"language": "fr", "next": "/", "csrf_token": csrf_of(
            (await client.get("/dossiers")).text)})
        page = await client.get(f"/dossiers/{bakery_of(fake)}/documents", params={"sort": TAKEOVER})
    assert page.status_code == 422 and '<html lang="fr">' in page.text and "Request refused" not in page.text
    assert_shown_as_text(page.text)


async def test_a_new_conversations_refusal_is_shown_as_text():
    """messages.html ``errors.text``: notify's 422 message next to the text field is escaped."""
    fake = seeded()
    notify = Refusing(build_fake_notify(FakeNotify(fake)), "POST", r"/conversations$", 422, TAKEOVER)
    async with portal_client(fake_office_app(fake), notify_app=notify) as client:
        await login(client, FULL, PASSWORD)
        listing = await client.get(f"/dossiers/{bakery_of(fake)}/messages")
        answer = await client.post(f"/dossiers/{bakery_of(fake)}/messages", data={
            "subject": "Hello", "text": "Hi", "csrf_token": csrf_of(listing.text)})
    assert answer.status_code == 422 and 'id="text-error"' in answer.text
    assert_shown_as_text(answer.text)


async def test_a_replys_refusal_is_shown_as_text_in_the_swapped_thread():
    """message_thread_body.html ``error``: notify's 422 on a reply (htmx) is escaped in the swapped part."""
    fake = seeded()
    state = FakeNotify(fake)
    thread = state.ask(bakery_of(fake), "Which car?")
    notify = Refusing(build_fake_notify(state), "POST", r"/messages$", 422, TAKEOVER)
    async with portal_client(fake_office_app(fake), notify_app=notify) as client:
        await login(client, FULL, PASSWORD)
        url = f"/dossiers/{bakery_of(fake)}/messages/{thread['id']}"
        page = await client.get(url)
        answer = await client.post(f"{url}/reply", data={"text": "The red one"},
                                   headers={"HX-Request": "true", "X-CSRF-Token": csrf_of(page.text)})
    assert answer.status_code == 422 and 'id="reply-error"' in answer.text
    assert_shown_as_text(answer.text)


async def test_an_annotation_refusal_with_an_unknown_code_is_shown_as_text():
    """annotation.html ``message``: the worklist's message for a code the portal does not know is escaped."""
    fake = seeded()
    state = FakeWorklist(fake)
    proposal = state.add(bakery_of(fake), invoice_number="A")
    worklist = Refusing(build_fake_worklist(state), "PATCH", r"/proposals/[^/]+$", 422, TAKEOVER, code="whatever")
    async with portal_client(fake_office_app(fake), worklist_app=worklist) as client:
        await login(client, COLLAB, PASSWORD)
        url = f"/dossiers/{bakery_of(fake)}/worklist/{proposal['id']}?list=purchases"
        form = form_values((await client.get(url)).text)
        answer = await client.post(url, data={**form, "then": "save"})
    assert answer.status_code == 422 and 'id="form-message"' in answer.text
    assert_shown_as_text(answer.text)


@pytest.mark.parametrize("template, slot", [
    ("messages.html", {"errors": {"subject": TAKEOVER, "text": TAKEOVER, "files": TAKEOVER}}),
    ("error.html", {"error": {"title": TAKEOVER, "detail": TAKEOVER, "status": 422}}),
], ids=["messages-errors.subject-text-and-files", "error-title-and-detail"])
def test_every_slot_of_the_templates_escapes_what_it_is_given(template, slot):
    """The slots no route fills with a backend's text today (``errors.subject``, an error's title) escape it too, and
    so does ``errors.files`` (the refusal of a new conversation's file, issue 16)."""
    context = {"csrf_token": "t", "dossier_id": "d", "threads": [], "values": {}, "client_users": [],
               "may_start": True, "tabs": [], "vat_done": None, "vat_error": None, "may_confirm_vat": False,
               "vat_confirmations": [], "vat_periods": [], "archived": False, "templates": [],
               "dossier": {"id": "d", "name": "D"},
               "user": SimpleNamespace(is_collaborator=False, may=lambda action, dossier=None: True),
               "me": {"office": {"portal_name": "P", "name": "O"}, "user": {"name": "U", "id": "u"}}, **slot}
    html = Renderer().html(template, context, language="en")
    assert html.count("&lt;b id=&#34;injected&#34;&gt;") >= 2 or html.count("&lt;b id=&quot;injected&quot;&gt;") >= 2
    assert '<b id="injected">' not in html


def collaborator_emails(platform) -> set[str]:
    admin = LOGINS["ADMIN"]
    with office_api(platform, admin.email, admin.password) as api:
        return {c["email"] for c in api.get("/collaborators").json()["items"]}


def settle(page) -> None:
    """Give htmx the time to process the page and send what a load trigger asks for."""
    page.wait_for_load_state("networkidle")
    time.sleep(1.0)
    page.wait_for_load_state("networkidle")


@pytest.mark.e2e
def test_the_office_admin_opens_the_crafted_link_and_no_collaborator_is_created(platform, browser_page):
    """The issue's attack, in chromium: the office ADMIN opens the documents link with the hostile sort."""
    page, admin = browser_page, LOGINS["ADMIN"]
    before = collaborator_emails(platform)
    log_in(page, admin.email, admin.password)
    dossier = dossier_ids(platform)["SCHMITZ"]
    answer = page.goto(f"/dossiers/{dossier}/documents?sort={quote(TAKEOVER, safe='')}")
    settle(page)
    assert collaborator_emails(platform) - before == set(), "the admin's browser created a collaborator"
    assert answer is not None and answer.status == 422
    assert page.locator('form[hx-post="/office/collaborators"]').count() == 0 and page.locator("#injected").count() == 0
    shown = page.locator("main").inner_text()
    assert "eve@evil.test" not in shown or '<form hx-post="/office/collaborators"' in shown  # if echoed: as text


INJECTED = {  # markup that got onto a page somehow, each trying to reach the page's CSRF token differently
    "inherit": '<form hx-post="/office/collaborators" hx-trigger="load">{fields}</form>',
    "include": '<form hx-post="/office/collaborators" hx-trigger="load" hx-include="[name=csrf_token]">{fields}</form>',
    "in-a-form": '<button hx-post="/office/collaborators" hx-trigger="load" hx-include="closest form">x</button>'
                 '{fields}',
}


@pytest.mark.e2e
@pytest.mark.parametrize("how", sorted(INJECTED))
def test_injected_htmx_markup_cannot_post_with_the_pages_csrf_token(platform, browser_page, how):
    """Defence in depth: no page-wide CSRF header to inherit, and csrf.js sends a post only from a form with its
    own token — an injected form (inheriting, or including the page's token) or an element inside a real form is
    stopped, while the page's own forms still work (the language chooser below)."""
    page, admin = browser_page, LOGINS["ADMIN"]
    before = collaborator_emails(platform)
    log_in(page, admin.email, admin.password)
    page.goto("/office/collaborators")
    fields = (f'<input name="email" value="eve-{how}@evil.test"><input name="name" value="Eve">'
              '<input name="role" value="ADMIN"><input name="language" value="en">')
    markup = INJECTED[how].format(fields=fields)
    target = "form.language-form" if how == "in-a-form" else "main"
    page.evaluate("""([selector, markup]) => {
        const box = document.createElement(selector === "main" ? "div" : "span");
        box.id = "injected-box";
        box.innerHTML = markup;
        document.querySelector(selector).appendChild(box);
        window.htmx.process(box);
    }""", [target, markup])
    settle(page)
    assert collaborator_emails(platform) - before == set(), f"the injected markup ({how}) created a collaborator"
    page.evaluate('document.getElementById("injected-box").remove()')  # its fields would join the real form
    other = "nl" if page.locator("html").get_attribute("lang") == "fr" else "fr"
    page.select_option("#language-select", other)  # the page's own htmx form still posts with its token
    page.wait_for_selector(f'html[lang="{other}"]', state="attached")
