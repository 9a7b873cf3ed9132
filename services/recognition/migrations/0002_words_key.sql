-- The recognised words with their boxes per page (JSON in object storage), for the worklist's overlay (WL-5).
ALTER TABLE recognition_results ADD COLUMN words_key text;
