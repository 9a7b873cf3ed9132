"""Root test configuration: the stack's addresses come from deploy/local/stack.env unless set."""
import os
from pathlib import Path

ROOT = Path(__file__).parent


def _load_stack_env() -> None:
    for line in (ROOT / "deploy/local/stack.env").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            os.environ.setdefault(key, value)


_load_stack_env()
