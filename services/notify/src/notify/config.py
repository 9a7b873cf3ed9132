"""Settings of notify (BF_ environment, names as in deploy/local/stack.env)."""
from __future__ import annotations

from typing import Literal

from runtime.config import Settings


class NotifySettings(Settings):
    """The shared settings plus the SMTP server, the sender address, the portal URL and the sender's pace."""

    notify_smtp_host: str = "127.0.0.1"
    notify_smtp_port: int = 2526             # the local SMTP sink started by `make up`
    notify_smtp_username: str = ""
    notify_smtp_password: str = ""
    notify_smtp_tls: Literal["none", "starttls", "tls"] = "none"
    notify_smtp_timeout_s: float = 30.0
    notify_mail_from: str = "Booking factory <no-reply@bookingfactory.local>"
    notify_portal_url: str = "http://127.0.0.1:8100"   # links in mails: this + the request's link_path
    notify_sender_interval_s: float = 2.0    # how often the sender looks for due mails when idle
    notify_retry_first_s: float = 30.0       # first wait after a failed delivery, doubled each time
    notify_retry_max_s: float = 7200.0
    notify_max_attempts: int = 8
    notify_attachment_max_bytes: int = 10 * 1024 * 1024   # bigger documents are not attached (link only)
