"""The office domain: pure values and rules, no I/O."""
