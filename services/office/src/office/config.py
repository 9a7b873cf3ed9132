"""Settings of the office service: token lifetimes, lock-out, links and inbound mail (BF_OFFICE_* env)."""
from __future__ import annotations

from runtime.config import Settings


class OfficeSettings(Settings):
    """The frozen settings of the office service, read once from the environment."""

    service: str = "office"
    office_access_ttl_s: int = 900
    office_api_token_ttl_s: int = 900
    office_refresh_ttl_days: int = 30
    office_reset_ttl_hours: int = 24
    office_welcome_ttl_days: int = 7
    office_lockout_threshold: int = 5
    office_lockout_base_s: int = 30
    office_lockout_max_s: int = 900
    # the softer per-e-mail back-off across every client address (API.md "Throttling")
    office_lockout_email_threshold: int = 20
    office_lockout_email_base_s: int = 5
    office_lockout_email_max_s: int = 60
    office_reset_per_email_per_hour: int = 3
    office_reset_per_client_per_hour: int = 20
    # comma-separated addresses or networks (the portal, a reverse proxy) whose X-Forwarded-For names the client
    office_trusted_proxies: str = "127.0.0.1,::1"
    office_signing_key_rotation_days: int = 30
    office_inbound_mail_domain: str = "in.bookingfactory.localhost"
    office_password_min_length: int = 10
