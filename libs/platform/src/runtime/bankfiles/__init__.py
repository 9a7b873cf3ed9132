"""Bank statement files (CODA, camt.053) read into one shape, shared by ingest (refuses a bad file at upload)
and sync-connector (imports and matches it). ``read_statement(data)`` is the way in."""
from runtime.bankfiles.model import BankLine, BankStatement, StatementFileError, read_statement, sniff_format

__all__ = ["BankLine", "BankStatement", "StatementFileError", "read_statement", "sniff_format"]
