-- Issue 15: the office's active admins as the dossier's last dossier.changed named them (DossierSnapshot.admins),
-- so a service judges a caller's role from the replica, not from a token issued up to 15 minutes ago
-- (runtime.auth.current). NULL: the snapshot predates the list (not known).
ALTER TABLE platform_dossiers ADD COLUMN admins uuid[];
