"""Runs the recognition service (`python -m recognition`), or its command line (`extract`, `validate`)."""
import sys


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in ("extract", "validate", "-h", "--help"):
        from recognition.entrypoints.cli import run
        run()
        return
    from runtime.service import main as serve

    from recognition.bootstrap import SPEC
    serve(SPEC)


if __name__ == "__main__":
    main()
