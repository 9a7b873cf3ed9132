"""Composition root of the recognition service: what it consumes and migrates, and its dependencies."""
from __future__ import annotations

from pathlib import Path

from runtime.service import Runtime, ServiceSpec
from runtime.storage import ObjectStore

from recognition.config import RecognitionSettings
from recognition.entrypoints.kafka import EVENT_HANDLERS
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


async def build_deps(rt: Runtime) -> Deps:
    return deps_from(rt.settings)  # type: ignore[arg-type]


SPEC = ServiceSpec(name="recognition", migrations=MIGRATIONS, handlers=EVENT_HANDLERS, settings_cls=RecognitionSettings,
                   deps=build_deps)
