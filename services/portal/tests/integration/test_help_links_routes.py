"""Instruction videos and app-centre links in the portal (OFF-3, DOS-5): the office's videos in the user's language
and the office's links on the client home and the dossier list, the dossier's own links on its pages."""
from portal_testkit.harness import login, portal_client
from portal_testkit.office_state import PASSWORD

VIDEOS = [{"title": "Facturen scannen", "url": "https://videos.example/nl-scan", "language": "nl"},
          {"title": "Rechnungen scannen", "url": "https://videos.example/de-scan", "language": "de"},
          {"title": "Welcome tour", "url": "https://videos.example/tour", "language": None}]
OFFICE_LINK = {"title": "Bank app", "url": "https://bank.example/app"}
DOSSIER_LINK = {"title": "Cash register", "url": "https://till.example/bakery"}


def links(fake) -> str:
    """Give the office videos and a link and the first dossier its own links (one unsafe); the dossier's id."""
    bakery = next(iter(fake.dossiers))
    fake.office.update(instruction_videos=VIDEOS, app_centre_links=[OFFICE_LINK])
    fake.overrides[bakery]["app_centre_links"] = [DOSSIER_LINK, {"title": "Evil", "url": "javascript:alert(1)"},
                                                  OFFICE_LINK]
    return bakery


async def test_a_client_home_shows_videos_in_their_language_and_every_link_once(fake, office_app):
    bakery = links(fake)
    fake.user_by_email("full_access@client.test").language = "nl"
    async with portal_client(office_app) as client:
        await login(client, "full_access@client.test", PASSWORD)
        home = await client.get(f"/client/{bakery}")
    text = home.text
    assert home.status_code == 200 and "Hulp en links" in text and "Instructievideo’s" in text
    assert 'href="https://videos.example/nl-scan"' in text and 'href="https://videos.example/tour"' in text
    assert "videos.example/de-scan" not in text
    assert 'href="https://till.example/bakery"' in text and text.count('href="https://bank.example/app"') == 1
    assert "javascript:" not in text and 'rel="noopener noreferrer"' in text


async def test_the_heading_follows_the_users_language(fake, office_app):
    bakery = links(fake)
    fake.user_by_email("document_delivery@client.test").language = "de"
    async with portal_client(office_app) as client:
        await login(client, "document_delivery@client.test", PASSWORD)
        home = await client.get(f"/client/{bakery}")
    assert "Hilfe und Links" in home.text and "Anleitungsvideos" in home.text and "Links zum App-Center" in home.text
    assert "videos.example/de-scan" in home.text and "videos.example/nl-scan" not in home.text


async def test_collaborators_see_office_links_on_the_list_and_the_dossiers_own_on_its_page(fake, office_app):
    bakery = links(fake)
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        listing = await client.get("/dossiers")
        page = await client.get(f"/dossiers/{bakery}")
    assert 'href="https://bank.example/app"' in listing.text and "till.example" not in listing.text
    assert 'href="https://videos.example/tour"' in listing.text
    assert 'href="https://till.example/bakery"' in page.text and 'href="https://bank.example/app"' in page.text


async def test_no_videos_and_no_links_show_no_section(fake, office_app):
    bakery = next(iter(fake.dossiers))
    async with portal_client(office_app) as client:
        await login(client, "full_access@client.test", PASSWORD)
        home = await client.get(f"/client/{bakery}")
    assert home.status_code == 200 and 'data-section="help-links"' not in home.text
