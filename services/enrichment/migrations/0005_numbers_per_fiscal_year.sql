-- ENR-4: a document number follows its period's fiscal year: one counter per journal and fiscal year (a new
-- fiscal year starts again at 1), and a proposal remembers the fiscal year of the number it was given.
ALTER TABLE number_counters ADD COLUMN fiscal_year text;
-- the counters so far served one count per journal, whatever the year: they go on in the current year
UPDATE number_counters SET fiscal_year = to_char(now(), 'YYYY');
ALTER TABLE number_counters ALTER COLUMN fiscal_year SET NOT NULL;
-- the journal's next number (settings, accounting software) this count last saw: only a raise moves it forward
ALTER TABLE number_counters ADD COLUMN floor integer NOT NULL DEFAULT 0;
ALTER TABLE number_counters DROP CONSTRAINT number_counters_pkey;
ALTER TABLE number_counters ADD PRIMARY KEY (dossier_id, journal, fiscal_year);

ALTER TABLE proposals ADD COLUMN fiscal_year text;
