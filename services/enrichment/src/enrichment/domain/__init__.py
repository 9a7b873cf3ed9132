"""Pure rules of enrichment: counterparty, lines, VAT codes, journal/period/number, duplicates, status."""
