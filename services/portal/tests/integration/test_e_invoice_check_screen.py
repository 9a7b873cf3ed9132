"""Issue 19 item 5: the proposal screen and the archive's document page say the verdict of the e-invoice's checks
(XSD, EN 16931 / Peppol schematron) kept with the proposal and the document, in the reader's language, with the rule
ids as escaped text."""
from __future__ import annotations

import pytest

from portal_testkit.harness import csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.worklist_pages import bakery_of, fake_office_app

pytestmark = pytest.mark.integration
CHECK = {"valid": True, "errors": [], "warnings": ["PEPPOL-EN16931-R004", "BR-CL-23<script>x</script>"],
         "rulesets": ["UBL-XSD", "EN16931-UBL"]}


async def _screen(fake, worklist, worklist_app, language: str | None = None, **values) -> str:
    bakery = bakery_of(fake)
    proposal = worklist.add(bakery, **values)
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        url = f"/dossiers/{bakery}/worklist/{proposal['id']}?list=purchases"
        if language:
            page = await client.get(url)
            await client.post("/language", data={"language": language, "next": url, "csrf_token": csrf_of(page.text)})
        page = await client.get(url)
    assert page.status_code == 200
    return page.text


async def test_warnings_are_counted_and_named_escaped(fake, worklist, worklist_app):
    html = await _screen(fake, worklist, worklist_app, e_invoice_check=CHECK)
    assert 'id="e-invoice-check"' in html and "e-invoice-check card warnings" in html
    assert "E-invoice checked: 2 warnings" in html and "<code class=\"rule warning\">PEPPOL-EN16931-R004</code>" in html
    assert "BR-CL-23&lt;script&gt;x&lt;/script&gt;" in html and "<script>x</script>" not in html
    assert "Checked against: UBL-XSD, EN16931-UBL" in html



async def test_each_rule_says_what_it_checks_as_escaped_bounded_text(fake, worklist, worklist_app):
    hostile = "[BR-CO-15]-Invoice total <script>alert(1)</script> <b>bold</b> " + "x" * 600
    check = {**CHECK, "valid": False, "errors": ["BR-CO-15", "UBL-XSD"],
             "messages": [{"rule": "BR-CO-15", "text": hostile},
                          {"rule": "NOT-SHOWN", "text": "a rule not in the verdict"},
                          {"rule": "PEPPOL-EN16931-R004", "text": "Specification identifier MUST have the value"}]}
    html = await _screen(fake, worklist, worklist_app, e_invoice_check=check)
    assert '<code class="rule error">BR-CO-15</code><span class="rule-message">[BR-CO-15]-Invoice total ' \
           '&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt; x' in html
    assert "<script>alert(1)" not in html and "<b>bold</b>" not in html and "x" * 300 not in html
    assert "not in the verdict" not in html, "a message of a rule the verdict does not name is not shown"
    assert ('<code class="rule warning">PEPPOL-EN16931-R004</code>'
            '<span class="rule-message">Specification identifier') in html
    assert '<code class="rule error">UBL-XSD</code></li>' in html, "a rule without a message shows its id only"


@pytest.mark.parametrize(("language", "said"), [
    ("fr", "Facture électronique contrôlée : 1 erreur, 2 avertissements"),
    ("nl", "E-factuur gecontroleerd: 1 fout, 2 waarschuwingen"),
    ("de", "E-Rechnung geprüft: 1 Fehler, 2 Warnungen"),
    ("en", "E-invoice checked: 1 error, 2 warnings"),
])
async def test_a_failed_check_in_the_readers_language(fake, worklist, worklist_app, language, said):
    check = {**CHECK, "valid": False, "errors": ["BR-CO-15"]}
    html = await _screen(fake, worklist, worklist_app, language, e_invoice_check=check)
    assert said in html and "e-invoice-check card invalid" in html and '<code class="rule error">BR-CO-15</code>' in html


async def test_a_clean_check_and_none(fake, worklist, worklist_app):
    clean = await _screen(fake, worklist, worklist_app, e_invoice_check={"valid": True, "rulesets": ["UBL-XSD"]})
    assert "E-invoice checked: no problems found" in clean and "e-invoice-check card valid" in clean
    assert 'id="e-invoice-check"' not in await _screen(fake, worklist, worklist_app)
    assert 'id="e-invoice-check"' not in await _screen(fake, worklist, worklist_app, e_invoice_check={"valid": "yes"})


async def test_the_archived_document_shows_its_verdict(fake, reporting, reporting_app):
    bakery, xml, pdf = bakery_of(fake), "7b2d4b63-0b5c-4d2f-9e3a-1b2c3d4e5f60", "6a1c3a52-9a4b-4c1e-8d2f-0a1b2c3d4e5f"
    reporting.document(bakery, xml, filename="peppol.xml", content_type="application/xml",
                       e_invoice_check={**CHECK, "valid": False, "errors": ["BR-CO-15"]})
    reporting.document(bakery, pdf)
    async with portal_client(fake_office_app(fake), reporting_app=reporting_app) as client:
        await login(client, "full_access@client.test", PASSWORD)
        html = (await client.get(f"/dossiers/{bakery}/archive/{xml}")).text
        plain = (await client.get(f"/dossiers/{bakery}/archive/{pdf}")).text
    assert "E-invoice checked: 1 error, 2 warnings" in html and '<code class="rule error">BR-CO-15</code>' in html
    assert "&lt;script&gt;" in html and "<script>x" not in html
    assert 'id="e-invoice-check"' not in plain
