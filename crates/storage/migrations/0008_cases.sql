-- Pathways schema, version 8: work-permit cases (screening). A case's personal data lives only
-- here and in its versions, never in the general audit log (which analysts read): the audit
-- records that a case changed, these tables what it was.

CREATE TABLE cases (
    id          TEXT PRIMARY KEY,
    economy     TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('received', 'screening', 'awaiting_coo', 'ready_for_decision', 'decided', 'closed')),
    fields      TEXT NOT NULL,
    checks      TEXT NOT NULL,
    decision    TEXT,
    synthetic   INTEGER NOT NULL DEFAULT 0,
    version     INTEGER NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX cases_by_economy ON cases (economy, updated_at);

-- Every version of a case, as it was: its history.
CREATE TABLE case_versions (
    case_id     TEXT NOT NULL REFERENCES cases (id),
    version     INTEGER NOT NULL,
    state       TEXT NOT NULL,
    fields      TEXT NOT NULL,
    checks      TEXT NOT NULL,
    decision    TEXT,
    changed_by  TEXT NOT NULL,
    changed_at  TEXT NOT NULL,
    PRIMARY KEY (case_id, version)
);
-- A version is never rewritten; only a retention purge removes versions, with their case.
CREATE TRIGGER case_versions_no_update BEFORE UPDATE ON case_versions
BEGIN SELECT RAISE(ABORT, 'case versions are append-only'); END;

-- Who read a case's personal data, when, and through which door.
CREATE TABLE case_reads (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id     TEXT NOT NULL REFERENCES cases (id),
    economy     TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    email       TEXT NOT NULL,
    channel     TEXT NOT NULL CHECK (channel IN ('ui', 'api')),
    at          TEXT NOT NULL
);
CREATE INDEX case_reads_by_case ON case_reads (case_id, at);
CREATE TRIGGER case_reads_no_update BEFORE UPDATE ON case_reads
BEGIN SELECT RAISE(ABORT, 'the read log is append-only'); END;
