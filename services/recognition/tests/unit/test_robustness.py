"""Hostile, corrupt and huge files end as technical_error with a reason; the sandbox survives (DESIGN: untrusted input)."""
import pytest
from recognition_testkit import (
    billion_laughs, corrupt_pdf, encrypted_pdf, huge_png, image_bomb_pdf, many_pages, xxe,
)

from recognition.domain.model import Outcome
from recognition.extractors.base import Context
from recognition.extractors.registry import recognise
from recognition.sandbox import Sandbox, SandboxLimits


@pytest.fixture(scope="module")
def sandbox():
    box = Sandbox(SandboxLimits(memory_mb=700, timeout_s=60))
    yield box
    box.close()


@pytest.mark.parametrize("name, data, reason", [
    ("xxe", xxe(), "DOCTYPE"),
    ("billion laughs", billion_laughs(), "DOCTYPE"),
    ("5000 pages", many_pages(5000), "5000 pages"),
    ("30000x30000 image", huge_png(), "30000×30000"),
    ("encrypted", encrypted_pdf(), "encrypted"),
    ("corrupt", corrupt_pdf(), ""),
    ("empty", b"", "empty"),
    ("unknown", b"MZ\x90\x00 not a document", "not a PDF"),
])
def test_hostile_inputs_end_as_technical_error(sandbox, name, data, reason):
    """Each ends as technical_error naming the reason, through the sandbox like the worker does."""
    outcome = sandbox.run("extract", data, Context(searchable_pdf=False))
    assert isinstance(outcome, Outcome) and outcome.status == "technical_error", name
    assert reason in outcome.error


def test_pdf_bomb_is_refused_from_its_header(sandbox):
    """A PDF whose image would inflate to 400 MB pixels is refused before anything is decoded."""
    outcome = sandbox.run("extract", image_bomb_pdf(20000), Context(searchable_pdf=False))
    assert outcome.status == "technical_error" and "PDF bomb" in outcome.error


def test_a_dying_reader_is_reported_and_replaced():
    """Running out of memory (or dying of it) gives technical_error with the reason; then the sandbox recovers."""
    import io

    from PIL import Image
    big = io.BytesIO()
    Image.new("L", (7000, 7000), 255).save(big, "PNG")  # 49 Mpixels: within the pixel limit, not within 80 MiB
    box = Sandbox(SandboxLimits(memory_mb=80, timeout_s=30))
    try:
        outcome = box.run("extract", big.getvalue(), Context())
        assert outcome.status == "technical_error"
        assert "died" in outcome.error or "memory" in outcome.error
        box.limits = SandboxLimits(memory_mb=1024, timeout_s=30)
        after = box.run("extract", b"<html/>", Context())
        assert after.status == "technical_error" and "not a PDF" in after.error
    finally:
        box.close()


def test_time_limit_kills_a_stuck_read_and_the_next_document_is_read():
    """A read exceeding the time limit is killed; the sandbox restarts and answers the next one."""
    from recognition_testkit import generated
    _, pdf, scan, _ = generated("unit-A-fr")
    box = Sandbox(SandboxLimits(memory_mb=1024, timeout_s=0.5))
    try:
        outcome = box.run("extract", scan, Context(searchable_pdf=False))
        assert outcome.status == "technical_error" and "time limit" in outcome.error
        box.limits = SandboxLimits(memory_mb=1024, timeout_s=60)
        assert box.run("extract", pdf, Context()).status == "complete"
    finally:
        box.close()


def test_in_process_limits_without_sandbox():
    """The extractors refuse over-limit files themselves too (the CLI and tests call them directly)."""
    assert "30000×30000" in recognise(huge_png(), Context()).error
