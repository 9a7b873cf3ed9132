"""Security suite (issue 13): hostile inputs against the running stack. Helpers of the e2e suite are importable."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "e2e"))
