-- Pathways schema, version 10: the registers cases are checked against (an economy's employers and
-- licensed local agencies, a Country of Origin's licensed agencies), each import of one, and the
-- columns of a case that the checks search by. A register is replaced whole by each import: the
-- authority that publishes it keeps its history, this keeps who loaded which file when.

CREATE TABLE register_imports (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('employers', 'local_agencies', 'coo_agencies')),
    scope       TEXT NOT NULL,
    file        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    synthetic   INTEGER NOT NULL DEFAULT 0,
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE INDEX register_imports_by_scope ON register_imports (kind, scope, imported_at);

CREATE TABLE employers (
    economy     TEXT NOT NULL,
    key         TEXT NOT NULL,
    id          TEXT NOT NULL,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'sanctioned', 'closed')),
    employees   INTEGER,
    sector      TEXT NOT NULL,
    import_id   TEXT NOT NULL REFERENCES register_imports (id),
    PRIMARY KEY (economy, key)
);
CREATE INDEX employers_by_name ON employers (economy, name_key);

CREATE TABLE agencies (
    kind        TEXT NOT NULL CHECK (kind IN ('local_agencies', 'coo_agencies')),
    scope       TEXT NOT NULL,
    key         TEXT NOT NULL,
    licence     TEXT NOT NULL,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('valid', 'suspended', 'cancelled', 'expired', 'banned')),
    valid_from  TEXT NOT NULL,
    valid_to    TEXT NOT NULL,
    import_id   TEXT NOT NULL REFERENCES register_imports (id),
    PRIMARY KEY (kind, scope, key)
);
CREATE INDEX agencies_by_name ON agencies (kind, scope, name_key);

-- What the checks search cases by, kept beside the JSON fields: the application date, the
-- employer (its register id when found, else its name, as a key), the passport number and the
-- date of birth as keys, and the nationality.
ALTER TABLE cases ADD COLUMN applied_on TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN employer_key TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN passport_key TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN birth TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN nationality TEXT NOT NULL DEFAULT '';
UPDATE cases SET
    applied_on = substr(created_at, 1, 10),
    passport_key = upper(trim(json_extract(fields, '$.passport_number'))),
    birth = trim(json_extract(fields, '$.date_of_birth')),
    nationality = upper(trim(json_extract(fields, '$.nationality')));
CREATE INDEX cases_by_employer ON cases (economy, employer_key, applied_on);
CREATE INDEX cases_by_passport ON cases (economy, passport_key);
CREATE INDEX cases_by_birth ON cases (economy, birth);
CREATE INDEX cases_by_nationality ON cases (nationality, state);
