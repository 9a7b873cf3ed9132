"""The jobs the sandbox runs: extract (recognise a file) and validate (check a structured invoice)."""
from __future__ import annotations

from recognition.domain.errors import RecognitionError
from recognition.domain.model import Outcome, Validation
from recognition.extractors.base import Context
from recognition.extractors.probe import Probe
from recognition.extractors.registry import recognise
from recognition.validation.checks import validate_root


def run_job(kind: str, data: bytes, ctx: Context) -> Outcome | Validation | str:
    """An Outcome for 'extract'; a Validation, or the reason it could not be checked, for 'validate'."""
    if kind == "extract":
        return recognise(data, ctx)
    if kind == "validate":
        return validate(data, ctx)
    raise ValueError(f"unknown job {kind!r}")


def validate(data: bytes, ctx: Context) -> Validation | str:
    """The schema and schematron verdict of a UBL or CII file (or PDF carrying one); else the reason."""
    try:
        probe = Probe(data, max_pages=ctx.limits.max_pages)
        if probe.xml_flavour is None:
            return "not a structured invoice (UBL or CII XML, or a PDF carrying one)"
        return validate_root(probe.xml, probe.xml_flavour)
    except RecognitionError as exc:
        return str(exc)
