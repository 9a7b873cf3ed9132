"""End-to-end tests: the helpers (e2e_documents, e2e_stack) importable under names no other suite uses."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
