"""Use cases of enrichment: propose a booking for a recognised document, keep the replica current."""
