-- Pathways schema, version 17: an economy's screening rules as its officers set them. Each save
-- is a new version of the economy's rows (in the format of data/screening/rules.csv), kept with
-- who saved it, when and why; a version is never rewritten, and the newest replaces the
-- economy's shipped rows.

CREATE TABLE rule_sets (
    economy  TEXT NOT NULL,
    version  INTEGER NOT NULL CHECK (version > 0),
    rules    TEXT NOT NULL,
    note     TEXT NOT NULL,
    set_by   TEXT NOT NULL,
    set_at   TEXT NOT NULL,
    PRIMARY KEY (economy, version)
);
CREATE TRIGGER rule_sets_no_update BEFORE UPDATE ON rule_sets
BEGIN SELECT RAISE(ABORT, 'a rule set version is never rewritten'); END;
CREATE TRIGGER rule_sets_no_delete BEFORE DELETE ON rule_sets
BEGIN SELECT RAISE(ABORT, 'a rule set version is never deleted'); END;
