"""The help of each screen (PLT-3, issue 16): every screen of the portal is known to the help, so a new screen
without help fails here; every topic is written in NL, FR and DE, not left in English."""
from __future__ import annotations

import pytest
from fastapi.routing import APIRoute

from portal import i18n
from portal.domain.help_topics import GENERAL_ROUTES, NOT_SCREENS, ROUTE_TOPICS, TOPICS, topic_for_route
from portal.entrypoints.http import ROUTERS

MAIN_SCREENS = ("dashboard", "worklist", "annotation", "documents", "capture", "payments", "bank", "reports",
                "archive", "history", "conversations", "settings", "sync", "monitor")


def served_pages() -> set[str]:
    return {r.path for router in ROUTERS for r in router.routes if isinstance(r, APIRoute) and "GET" in r.methods}


def test_every_screen_has_its_help_or_says_it_uses_the_general_help():
    """A GET route that is no screen's topic, not on the general help and no file or fragment is listed and fails."""
    unknown = sorted(served_pages() - set(ROUTE_TOPICS) - GENERAL_ROUTES - NOT_SCREENS)
    assert unknown == [], f"screens without help (add them to portal.domain.help_topics): {unknown}"


def test_the_lists_name_only_routes_that_exist():
    """No stale line: a route removed or renamed must leave the lists too."""
    stale = sorted((set(ROUTE_TOPICS) | GENERAL_ROUTES | NOT_SCREENS) - served_pages())
    assert stale == []
    assert not set(ROUTE_TOPICS) & (GENERAL_ROUTES | NOT_SCREENS) and not GENERAL_ROUTES & NOT_SCREENS


def test_each_main_screen_has_its_own_topic():
    assert set(MAIN_SCREENS) <= set(ROUTE_TOPICS.values()) <= set(TOPICS)
    assert topic_for_route("/dossiers/{dossier_id}/worklist/{proposal_id}").key == "annotation"
    assert topic_for_route("/office/groups").key == "general" and topic_for_route(None).key == "general"


@pytest.mark.parametrize("language", ["nl", "fr", "de"])
def test_every_topic_is_translated(language):
    untranslated = []
    with i18n.activate(language):
        for topic in TOPICS.values():
            for text in (topic.title, *topic.paragraphs):
                if i18n.gettext_(text) == text:
                    untranslated.append(text[:60])
    assert untranslated == []
