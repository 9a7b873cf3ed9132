-- Offices whose every dossier must be published again once (dossier.changed), because the snapshot gained a fact
-- the other services' replicas need: office's start (office.__main__) publishes them and empties the row.
-- Issue 15: the snapshot names the office's admins (DossierSnapshot.admins), so a replica judges a role as it is
-- now; replicas written before hold no admins and leave the decision to the token until this republish.
CREATE TABLE republish_pending (
    office_id  uuid PRIMARY KEY REFERENCES offices ON DELETE CASCADE,
    reason     text NOT NULL
);
INSERT INTO republish_pending (office_id, reason) SELECT id, 'admins' FROM offices;
