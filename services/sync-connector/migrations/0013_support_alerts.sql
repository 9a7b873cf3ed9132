-- ACT-3: when the support team was last alerted of the dossier's current incident (its status became needs_support);
-- cleared when the status leaves needs_support, so the next incident alerts again. The monitor shows it.
ALTER TABLE dossier_links ADD COLUMN support_alerted_at timestamptz;
