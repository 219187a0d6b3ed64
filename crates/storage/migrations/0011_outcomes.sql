-- Pathways schema, version 11: what happened after a decision on a case (permit issued, entry,
-- change of employer, renewal, absconding reported, irregular onward movement, return), with
-- its date. Outcomes are recorded, never rewritten: a correction is a new outcome with a note.

CREATE TABLE case_outcomes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id     TEXT NOT NULL REFERENCES cases (id),
    economy     TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('permit_issued', 'entry', 'employer_change', 'renewal', 'absconding_reported', 'irregular_onward_movement', 'return')),
    day         TEXT NOT NULL,
    note        TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX case_outcomes_by_case ON case_outcomes (case_id, day);
CREATE INDEX case_outcomes_by_economy ON case_outcomes (economy, kind, day);
CREATE TRIGGER case_outcomes_no_update BEFORE UPDATE ON case_outcomes
BEGIN SELECT RAISE(ABORT, 'outcomes are recorded, never rewritten'); END;
