"""Choosing the page language (PLT-1): the user's own, else the chooser's cookie, else the browser's."""
from portal.domain.languages import choose, from_accept_language, normalise


def test_normalise_accepts_regional_variants_only_of_supported_languages():
    assert normalise("fr-BE") == "fr" and normalise("NL_be") == "nl" and normalise("es") is None


def test_accept_language_picks_the_best_supported_by_quality():
    assert from_accept_language("es;q=1.0, de;q=0.5, fr-BE;q=0.8") == "fr"
    assert from_accept_language("it, es") is None
    assert from_accept_language("nl;q=0, en") == "en"


def test_user_choice_beats_cookie_beats_browser():
    assert choose(user="de", cookie="fr", accept="nl") == "de"
    assert choose(user=None, cookie="fr", accept="nl") == "fr"
    assert choose(user=None, cookie=None, accept="nl-BE,nl;q=0.9") == "nl"
    assert choose(user=None, cookie="xx", accept=None, default="nl") == "nl"
