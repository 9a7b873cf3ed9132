"""Row editors, API keys, inbound addresses and the monitor through the portal against the fake office
(OFF-3, DOS-3, DOS-5, ING-2, ING-4, ACT-1)."""
from portal_testkit.harness import attach_service, csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD


def _rows(*rows: dict, token: str, op: str = "save") -> dict:
    data = {"rows": str(len(rows)), "csrf_token": token, "op": op}
    for i, row in enumerate(rows):
        data.update({f"r{i}.{k}": v for k, v in row.items()})
    return data


async def test_journal_templates_are_added_saved_and_a_bad_row_keeps_what_was_typed(fake, office_app):
    """OFF-3: add a row, save; a number format without {seq} is named in its cell, typed values stay."""
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        token = csrf_of((await client.get("/office/lists/journal_templates")).text)
        before = list(fake.office["journal_templates"])  # the office's defaults (ACH, VEN)
        added = await client.post("/office/lists/journal_templates", data=_rows(token=token, op="add"))
        assert added.status_code == 200 and 'name="r0.alias"' in added.text
        good = {"alias": "ACH", "description": "Purchases", "type": "purchases", "number_format": "{year}/{seq:05}",
                "active": "true"}
        bad = {"alias": "VEN", "description": "Sales typed", "type": "sales", "number_format": "V-{year}"}
        refused = await client.post("/office/lists/journal_templates", data=_rows(good, bad, token=token))
        assert refused.status_code == 422 and fake.office["journal_templates"] == before
        assert 'value="Sales typed"' in refused.text and 'id="e1-number_format"' in refused.text
        assert "The number format needs {seq}" in refused.text
        bad["number_format"] = "V-{seq}"
        saved = await client.post("/office/lists/journal_templates", data=_rows(good, bad, {}, token=token),
                                  follow_redirects=True)
    assert "Your changes are saved." in saved.text
    assert [(t["alias"], t["active"], t["credit_notes_only"]) for t in fake.office["journal_templates"]] == [
        ("ACH", True, False), ("VEN", False, False)]


async def test_removing_a_row_keeps_the_others_as_typed(office_app):
    """OFF-3: removing row 0 of two leaves the second, with what was typed in it."""
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        token = csrf_of((await client.get("/office/lists/vat_codes")).text)
        page = await client.post("/office/lists/vat_codes", data=_rows(
            {"code": "21", "rate": "21"}, {"code": "6X", "rate": "6"}, token=token, op="remove:0"))
    assert 'value="6X"' in page.text and 'value="21"' not in page.text and 'name="rows" value="1"' in page.text


async def test_a_collaborator_sees_office_lists_read_only(fake, office_app):
    async with portal_client(office_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        page = await client.get("/office/lists/app_centre_links")
        answer = await client.post("/office/lists/app_centre_links", data=_rows(token=csrf_of(page.text)))
    assert page.status_code == 200 and "<fieldset disabled>" in page.text and 'value="add"' not in page.text
    assert answer.status_code == 403


async def test_dossier_journals_are_edited_with_next_number_prefix_and_currency(fake, office_app):
    """DOS-3: per-dossier journal details reach the office; a non-number next number is refused in its cell."""
    bakery = next(iter(fake.dossiers))
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        token = csrf_of((await client.get(f"/dossiers/{bakery}/lists/journals")).text)
        row = {"alias": "ACH", "type": "purchases", "number_format": "{prefix}{seq}", "prefix": "A-",
               "next_number": "x", "first_period": "2026-01", "foreign_currency": "true", "active": "true",
               "reviewed": "true"}
        refused = await client.post(f"/dossiers/{bakery}/lists/journals", data=_rows(row, token=token))
        assert refused.status_code == 422 and 'id="e0-next_number"' in refused.text and 'value="x"' in refused.text
        row["next_number"] = "42"
        await client.post(f"/dossiers/{bakery}/lists/journals", data=_rows(row, token=token))
    journal = fake.effective(bakery)["journals"][0]
    assert (journal["next_number"], journal["prefix"], journal["foreign_currency"], journal["reviewed"]) == (
        42, "A-", True, True)


async def test_api_key_is_shown_once_then_listed_and_revoked(fake, office_app):
    """ING-4: the key is on the create answer only; the list shows its prefix; revoke marks it revoked."""
    bakery = next(iter(fake.dossiers))
    async with portal_client(office_app) as client:
        await login(client, "administrator@client.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/api-keys")
        created = await client.post(f"/dossiers/{bakery}/api-keys", data={
            "name": "Scanner", "mailbox": "sales", "csrf_token": csrf_of(page.text)})
        key = next(iter(fake.api_keys.values()))
        assert created.status_code == 201 and 'id="new-key"' in created.text and "data-copy" in created.text
        again = await client.get(f"/dossiers/{bakery}/api-keys")
        assert "Scanner" in again.text and 'id="new-key"' not in again.text and f"bfk_{key['prefix']}_" in again.text
        revoked = await client.post(f"/dossiers/{bakery}/api-keys/{key['id']}/revoke",
                                    data={"csrf_token": csrf_of(page.text)}, follow_redirects=True)
    assert key["revoked_at"] and "The key is revoked." in revoked.text


async def test_rotating_a_mailbox_shows_the_new_address(fake, office_app):
    """ING-2: the settings page shows each inbound address; a new one replaces it."""
    bakery = next(iter(fake.dossiers))
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/settings")
        assert "purchases.bak@in.demo.test" in page.text
        after = await client.post(f"/dossiers/{bakery}/mailboxes/purchases/rotate",
                                  data={"csrf_token": csrf_of(page.text)}, follow_redirects=True)
    assert fake.mailboxes[bakery]["purchases"] in after.text and "purchases.bak@in.demo.test" not in after.text


async def test_settings_refused_keep_what_was_typed(fake, office_app):
    """DOS-3: after a refusal the form shows the typed values, not the stored ones, with the message by the field."""
    bakery = next(iter(fake.dossiers))
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/settings")
        answer = await client.post(f"/dossiers/{bakery}/settings", data={
            "csrf_token": csrf_of(page.text), "name": "Bakery Janssens", "default_counterparty": "Typed Supplier",
            "dashboard_accounts": "400000, abc"})
    assert answer.status_code == 422 and 'value="Typed Supplier"' in answer.text
    assert 'id="dashboard_accounts-error">Account numbers have 1 to 10 digits' in answer.text
    assert "400000, abc" in answer.text


async def test_monitor_sorts_in_three_states_and_shows_unfed_counters_as_a_dash(fake, office_app):
    """ACT-1: header links cycle asc → desc → none; other services' counters are "—" with an explanation."""
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        plain = await client.get("/monitor")
        asc = await client.get("/monitor?sort=name&order=asc")
        desc = await client.get("/monitor?sort=name&order=desc")
        chosen = await client.get("/monitor?col=code")
        mine = await client.get("/monitor?mine=true")
    assert 'href="/monitor?sort=name&amp;order=asc"' in plain.text
    assert 'aria-sort="ascending"' in asc.text and 'href="/monitor?sort=name&amp;order=desc"' in asc.text
    assert 'aria-sort="descending"' in desc.text and 'href="/monitor?"' in desc.text
    assert desc.text.index("Garage Dubois") < desc.text.index("Bakery Janssens")
    assert 'class="not-fed" title="Not available yet: the worklist service' in plain.text
    assert 'data-column="help_requests"' not in chosen.text and 'data-column="code"' in chosen.text
    assert "Bakery Janssens" not in mine.text  # the admin is assigned to nothing


async def test_collaborators_who_may_not_activate_do_not_see_the_form(fake, office_app):
    """OFF-1: the office keeps activation to ADMINs: a collaborator's draft shows no activation form."""
    fake.office["dossier_activation"] = "admins"
    draft = next(d for d, v in fake.dossiers.items() if v["status"] == "draft")
    fake.user_by_email("collab@demo.test").assigned.add(draft)
    async with portal_client(office_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        page = await client.get(f"/dossiers/{draft}/activate")
        answer = await client.post(f"/dossiers/{draft}/activate", data={"csrf_token": csrf_of(page.text),
                                                                        "dossier_code": "x"})
    assert page.status_code == 200 and 'name="dossier_code"' not in page.text and answer.status_code == 403


async def test_the_journals_page_shows_the_real_next_number_from_enrichment(fake, office_app):
    """ENR-4 (issue 15 item 8): the settings say 'next number 1' while enrichment has handed out 42 numbers in
    the journal's newest fiscal year: the page shows 43; without an answer from enrichment, the settings' value."""
    import httpx
    bakery = next(iter(fake.dossiers))
    asked: list[httpx.Request] = []
    answer = {"status": 200}

    def enrichment(request: httpx.Request) -> httpx.Response:
        asked.append(request)
        return httpx.Response(answer["status"], json={"journals": [
            {"code": "ACH", "fiscal_year": "2026", "next_number": 43}]})

    async with portal_client(office_app) as client:
        attach_service(client, "enrichment", httpx.MockTransport(enrichment))
        await login(client, "admin@demo.test", PASSWORD)
        token = csrf_of((await client.get(f"/dossiers/{bakery}/lists/journals")).text)
        row = {"alias": "ACH", "type": "purchases", "number_format": "{year}/{seq:05}", "next_number": "1",
               "active": "true", "reviewed": "true"}
        await client.post(f"/dossiers/{bakery}/lists/journals", data=_rows(row, token=token))
        page = (await client.get(f"/dossiers/{bakery}/lists/journals")).text
        assert 'name="r0.next_number"' in page and 'value="43"' in page.split('name="r0.next_number"')[1][:200]
        assert asked[-1].url.path == f"/dossiers/{bakery}/numbering"
        assert asked[-1].headers["authorization"].startswith("Bearer ")
        answer["status"] = 503
        page = (await client.get(f"/dossiers/{bakery}/lists/journals")).text
        assert 'value="1"' in page.split('name="r0.next_number"')[1][:200]
