"""Settings of the recognition service (BF_ environment variables), read once."""
from __future__ import annotations

from runtime.config import Settings


class RecognitionSettings(Settings):
    """Limits per document and OCR languages, besides the shared settings."""

    service: str = "recognition"
    recognition_timeout_s: float = 180.0
    recognition_memory_mb: int = 2048
    recognition_max_pages: int = 100
    recognition_max_ocr_pages: int = 20
    ocr_languages: str = "fra+nld+deu+eng"
    # the worker: documents in work at once (one at a time per dossier, runtime.dispatch) and sandbox children
    # reading them (0: one per core)
    consumer_concurrency: int = 4
    recognition_sandboxes: int = 0
