"""Composition root of the recognition service: what it consumes and migrates, and how it is wired."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from runtime.service import ServiceSpec, on_topics
from runtime.storage import ObjectStore

from recognition.config import RecognitionSettings
from recognition.entrypoints.kafka import event_handlers
from recognition.extractors.base import Context, Limits
from recognition.handlers.recognise import Deps
from recognition.handlers.sandboxes import SandboxPool
from recognition.sandbox import SandboxLimits

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def deps_from(settings: RecognitionSettings) -> Deps:
    """The object store, the sandbox and the reading context, from settings (nothing connects yet)."""
    limits = Limits(max_pages=settings.recognition_max_pages, max_ocr_pages=settings.recognition_max_ocr_pages)
    return Deps(
        store=ObjectStore.from_settings(settings),
        sandbox=SandboxPool(SandboxLimits(memory_mb=settings.recognition_memory_mb,
                                          timeout_s=settings.recognition_timeout_s), size=settings.recognition_sandboxes),
        context=Context(languages=settings.ocr_languages, limits=limits, searchable_pdf=True),
    )


@lru_cache(maxsize=1)
def _default_deps() -> Deps:
    return deps_from(RecognitionSettings())


def build_spec(deps=None, name: str = "recognition", topics: dict[str, str] | None = None) -> ServiceSpec:
    """The service; tests pass their own deps, service name and topic names (physical -> contract)."""
    handlers = on_topics(event_handlers(deps or _default_deps), topics)
    return ServiceSpec(name=name, migrations=MIGRATIONS, handlers=handlers, topic_contracts=topics or {},
                       settings_cls=RecognitionSettings)


SPEC = build_spec()
