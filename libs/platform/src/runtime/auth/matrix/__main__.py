"""Renders the permission matrix to docs/permissions.md: `python -m runtime.auth.matrix [PATH] [--check]`."""
from __future__ import annotations

import sys
from pathlib import Path

from runtime.auth.matrix.doc import render

DOC_PATH = Path("docs/permissions.md")


def main(argv: list[str]) -> int:
    """Write the document (default docs/permissions.md); with --check, exit 1 when it is stale instead."""
    paths = [a for a in argv if not a.startswith("--")]
    path = Path(paths[0]) if paths else DOC_PATH
    text = render()
    if "--check" in argv:
        if not path.exists() or path.read_text() != text:
            print(f"{path} is stale: run python -m runtime.auth.matrix", file=sys.stderr)
            return 1
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
