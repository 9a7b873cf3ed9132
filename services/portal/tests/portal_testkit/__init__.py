"""Test helpers of the portal: a fake office (same API and matrix as services/office) and a way to run the portal."""
