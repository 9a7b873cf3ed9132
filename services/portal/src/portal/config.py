"""Settings of the portal: the shared platform settings plus cookies, session lifetime and office timeouts."""
from __future__ import annotations

from runtime.config import Settings


class PortalSettings(Settings):
    """Frozen portal settings, read once from BF_* variables (e.g. BF_COOKIE_SECURE=true behind HTTPS)."""

    cookie_secure: bool = False
    session_cookie: str = "bf_session"
    language_cookie: str = "bf_lang"
    session_ttl_s: int = 8 * 3600
    office_timeout_s: float = 5.0
    office_connect_timeout_s: float = 2.0
    default_language: str = "en"
    # the office whose portal name the login page shows when the URL names none (?office=slug)
    office_slug: str = ""
