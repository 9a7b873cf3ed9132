"""Sessions and CSRF tokens (issue 3: session cookie holding the user's token, CSRF protection)."""
from datetime import timedelta

import pytest

from portal.adapters.session_store import MemorySessionStore
from portal.domain.sessions import Tokens, csrf_matches, hash_session_id, new_csrf_token, new_session_id, utcnow

from portal_testkit.session_store_contract import SessionStoreContract


def test_session_ids_are_long_random_and_stored_hashed():
    a, b = new_session_id(), new_session_id()
    assert a != b and len(a) >= 40
    assert hash_session_id(a) != a and len(hash_session_id(a)) == 64


def test_csrf_token_must_match_exactly():
    token = new_csrf_token()
    assert csrf_matches(token, token)
    assert not csrf_matches(token, token[:-1] + ("A" if token[-1] != "A" else "B"))
    assert not csrf_matches(token, None) and not csrf_matches(token, "")


def test_access_token_is_stale_shortly_before_it_expires():
    assert Tokens("a", "r", utcnow() + timedelta(seconds=10)).stale()
    assert not Tokens("a", "r", utcnow() + timedelta(minutes=10)).stale()


def test_tokens_never_show_in_repr():
    text = repr(Tokens("secret-access", "secret-refresh", utcnow()))
    assert "secret" not in text


class TestMemorySessionStore(SessionStoreContract):
    @pytest.fixture
    def store(self):
        return MemorySessionStore()
