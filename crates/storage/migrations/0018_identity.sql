-- Pathways schema, version 18: identity linkage inside screening. An economy's person index is
-- its cases and the person registers it imports (earlier permits, entries and exits, absconding
-- reports); the index itself is held in memory and rebuilt from these rows at start. The links
-- the engine suggests between a case and an earlier record wait in a review queue until an
-- officer says same person, different persons or unsure; "different" is remembered so that the
-- pair is not suggested again. The parameters the engine scores with are kept per economy, every
-- version, one of them in use.

CREATE TABLE person_imports (
    id          TEXT PRIMARY KEY,
    economy     TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('permit', 'entry_exit', 'absconding')),
    file        TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    unreadable  TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE INDEX person_imports_by_economy ON person_imports (economy, imported_at);

CREATE TABLE person_records (
    id              TEXT PRIMARY KEY,
    import_id       TEXT NOT NULL REFERENCES person_imports (id),
    economy         TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('permit', 'entry_exit', 'absconding')),
    line            INTEGER NOT NULL,
    given_name      TEXT NOT NULL,
    surname         TEXT NOT NULL,
    full_name       TEXT NOT NULL,
    date_of_birth   TEXT NOT NULL,
    sex             TEXT NOT NULL,
    nationality     TEXT NOT NULL,
    passport_number TEXT NOT NULL,
    event_date      TEXT NOT NULL,
    event           TEXT NOT NULL
);
CREATE INDEX person_records_by_economy ON person_records (economy);

CREATE TABLE identity_links (
    id          TEXT PRIMARY KEY,
    economy     TEXT NOT NULL,
    -- The newer record (a case) and the earlier one (a case or a person record).
    left_id     TEXT NOT NULL,
    right_id    TEXT NOT NULL,
    probability REAL NOT NULL,
    weight      REAL NOT NULL,
    -- Per field: the level reached and its weight (JSON), as the engine compared them.
    comparison  TEXT NOT NULL,
    rule        TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('suggested', 'same', 'different', 'unsure')),
    note        TEXT NOT NULL DEFAULT '',
    decided_by  TEXT,
    decided_at  TEXT,
    params      INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (economy, left_id, right_id)
);
CREATE INDEX identity_links_queue ON identity_links (economy, state, probability);
CREATE INDEX identity_links_by_left ON identity_links (left_id);
CREATE INDEX identity_links_by_right ON identity_links (right_id);

CREATE TABLE linkage_params (
    economy     TEXT NOT NULL,
    version     INTEGER NOT NULL CHECK (version > 0),
    params      TEXT NOT NULL,
    -- Before and after on the held-back decided pairs (JSON), for a version trained from them.
    evaluation  TEXT NOT NULL,
    note        TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (economy, version)
);
CREATE TABLE linkage_params_in_use (
    economy TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    set_by  TEXT NOT NULL,
    set_at  TEXT NOT NULL
);
CREATE TRIGGER linkage_params_no_update BEFORE UPDATE ON linkage_params
BEGIN SELECT RAISE(ABORT, 'a parameter version is never rewritten'); END;
