"""The command line: `python -m recognition extract|validate FILE [FILE ...]`, in-process, without the stack.

extract prints one JSON object per file: {"file", "status", "error", ...the recognised invoice...};
validate prints {"file", "valid", "errors", "warnings"} with schema and schematron rule ids.
A file that cannot be read still gets its line, with an error.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from recognition.adapters.wire import to_contract
from recognition.domain.identifiers import compact_vat
from recognition.domain.model import Outcome, Validation
from recognition.extractors.base import Context
from recognition.sandbox import Sandbox, SandboxLimits


def extract_line(path: str, outcome: Outcome) -> dict:
    """The JSON object printed for one extracted file."""
    line: dict = {"file": path, "status": outcome.status, "error": outcome.error}
    if outcome.invoice is not None:
        line.update(to_contract(outcome.invoice).model_dump(mode="json"))
        line["missing_mandatory"] = list(outcome.missing)
    return line


def validate_line(path: str, result: Validation | str | Outcome) -> dict:
    """The JSON object printed for one validated file."""
    if isinstance(result, Validation):
        return {"file": path, "valid": result.valid, "errors": list(result.errors), "warnings": list(result.warnings)}
    reason = result.error if isinstance(result, Outcome) else result
    return {"file": path, "valid": False, "errors": [], "warnings": [], "error": reason}


def _read(path: str) -> bytes | str:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m recognition", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["extract", "validate"])
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--own-vat", help="the dossier's VAT number, to tell which party it is")
    parser.add_argument("--mailbox", choices=["purchases", "sales", "misc"])
    parser.add_argument("--languages", default="fra+nld+deu+eng", help="tesseract languages for OCR")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds per document")
    parser.add_argument("--memory-mb", type=int, default=2048, help="memory per document")
    args = parser.parse_args(argv)
    own = compact_vat(args.own_vat) if args.own_vat else None
    ctx = Context(own_vat=own, mailbox=args.mailbox, languages=args.languages, searchable_pdf=False)
    sandbox = Sandbox(SandboxLimits(memory_mb=args.memory_mb, timeout_s=args.timeout))
    try:
        for path in args.files:
            data = _read(path)
            if isinstance(data, str):
                line = {"file": path, "status": "technical_error", "error": data} if args.command == "extract" \
                    else validate_line(path, data)
            elif args.command == "extract":
                line = extract_line(path, sandbox.run("extract", data, ctx))
            else:
                line = validate_line(path, sandbox.run("validate", data, ctx))
            print(json.dumps(line, ensure_ascii=False), flush=True)
    finally:
        sandbox.close()
    return 0


def run() -> None:
    sys.exit(main(sys.argv[1:]))
