-- Pathways schema, version 2: questionnaires (XLSForm versions), rounds, and the responses of each
-- economy with every saved version kept.

CREATE TABLE questionnaires (
    id         TEXT PRIMARY KEY,
    form_id    TEXT NOT NULL,
    version    TEXT NOT NULL,
    title      TEXT NOT NULL,
    file_name  TEXT NOT NULL,
    xlsx       BLOB NOT NULL,
    sha256     TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (form_id, version)
);

CREATE TABLE rounds (
    id               TEXT PRIMARY KEY,
    questionnaire_id TEXT NOT NULL REFERENCES questionnaires (id),
    title            TEXT NOT NULL,
    economies        TEXT NOT NULL CHECK (json_valid(economies)),
    deadline         TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('open', 'closed')),
    created_by       TEXT NOT NULL,
    created_at       TEXT NOT NULL
);

CREATE TABLE responses (
    id          TEXT PRIMARY KEY,
    round_id    TEXT NOT NULL REFERENCES rounds (id),
    economy     TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'has_issues', 'approved', 'rejected')),
    answers     TEXT NOT NULL CHECK (json_valid(answers)),
    comments    TEXT NOT NULL CHECK (json_valid(comments)),
    version     INTEGER NOT NULL CHECK (version >= 1),
    updated_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (round_id, economy)
);

-- Every saved version of a response, append-only: the history and its diffs are read from here.
CREATE TABLE response_versions (
    response_id TEXT NOT NULL REFERENCES responses (id),
    version     INTEGER NOT NULL,
    state       TEXT NOT NULL,
    answers     TEXT NOT NULL CHECK (json_valid(answers)),
    comments    TEXT NOT NULL CHECK (json_valid(comments)),
    by_email    TEXT NOT NULL,
    at          TEXT NOT NULL,
    note        TEXT,
    PRIMARY KEY (response_id, version)
);
CREATE TRIGGER response_versions_no_update BEFORE UPDATE ON response_versions
    BEGIN SELECT RAISE(ABORT, 'response versions are append-only'); END;
CREATE TRIGGER response_versions_no_delete BEFORE DELETE ON response_versions
    BEGIN SELECT RAISE(ABORT, 'response versions are append-only'); END;
