"""Enrichment tests: the test helpers (enrichment_testkit, enrichment_memory) importable under a name no other
service uses."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
