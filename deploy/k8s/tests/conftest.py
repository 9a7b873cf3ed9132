"""Kubernetes manifest checks: their helpers (k8s_testkit) importable under a name no service's tests use."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
