"""Settings of the ingest service: limits on untrusted input and the SMTP listener (BF_INGEST_* env)."""
from __future__ import annotations

from runtime.config import Settings

MB = 1024 * 1024


class IngestSettings(Settings):
    """The frozen settings of the ingest service, read once from the environment."""

    service: str = "ingest"
    ingest_max_file_bytes: int = 20 * MB
    ingest_max_pages: int = 1000
    ingest_max_pixels: int = 80_000_000  # per photo, read from its header before decoding
    ingest_max_capture_pixels: int = 200_000_000  # all photos of one mobile capture (one document) together
    ingest_max_upload_pixels: int = 600_000_000  # all photos of one upload or e-mail (about 50 phone photos)
    ingest_max_files: int = 100  # per upload, per e-mail and per ZIP
    ingest_max_zip_bytes: int = 200 * MB
    ingest_max_mail_bytes: int = 120 * MB
    ingest_smtp_enabled: bool = True
    ingest_smtp_port: int = 2525
    ingest_smtp_rcpt_failures: int = 5  # unknown recipients per client address and window, then 450 for all
    ingest_smtp_rcpt_window_s: int = 600
    ingest_smtp_max_mime_parts: int = 50  # multipart/message parts per mail (their nesting depth at most)
    ingest_thumbnail_width: int = 200
