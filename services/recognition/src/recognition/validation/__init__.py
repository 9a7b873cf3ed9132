"""Validation of structured invoices: XSD and EN 16931 / Peppol schematron, compiled once per process."""
