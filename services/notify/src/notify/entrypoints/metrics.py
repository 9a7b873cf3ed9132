"""Prometheus figures of notify (served on /metrics with the shared ones)."""
from prometheus_client import Counter

MAILS_QUEUED = Counter("bf_notify_mails_queued", "Mails written to the outgoing queue, by template.", ["template"])
MAILS_SENT = Counter("bf_notify_mails_sent", "Mails delivered to the SMTP server, by template.", ["template"])
MAILS_FAILED = Counter("bf_notify_mails_failed", "Mails given up (permanent refusal or attempts exhausted).",
                       ["template"])
MAIL_RETRIES = Counter("bf_notify_mail_retries", "Failed delivery attempts that will be retried.")
REQUESTS_FAILED = Counter("bf_notify_requests_failed", "Notification requests that cannot be carried out, by reason.",
                          ["reason"])
REQUESTS_PENDING = Counter("bf_notify_requests_pending",
                           "Notification requests kept until their dossier is replicated.")
