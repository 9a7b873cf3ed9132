-- ACT-2: each sync run keeps the instruction of its verdict (what the collaborator or support should do), so the
-- office's list of runs says what to do rather than the software's raw error.
ALTER TABLE sync_runs ADD COLUMN instruction text;
