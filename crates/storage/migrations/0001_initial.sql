-- Pathways schema, version 1: users and their credentials, the mapping records, the audit log.

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'focal-point', 'viewer')),
    economy       TEXT,
    password_hash TEXT,
    created_at    TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    CHECK ((role = 'focal-point') = (economy IS NOT NULL))
);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT
);

CREATE TABLE sessions (
    id_hash    TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- One table for every kind of mapping fact: the body is the validated JSON of the domain struct.
-- `owner` (economy or country) and `natural_key` are derived from the body by the app on every write,
-- so that scoping and uniqueness are enforced here too.
CREATE TABLE records (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    owner       TEXT,
    natural_key TEXT,
    version     INTEGER NOT NULL CHECK (version >= 1),
    body        TEXT NOT NULL CHECK (json_valid(body)),
    origin      TEXT NOT NULL CHECK (origin IN ('reference', 'user', 'import')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX records_kind_owner ON records (kind, owner) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX records_natural_key ON records (kind, natural_key)
    WHERE deleted_at IS NULL AND natural_key IS NOT NULL;

-- Append-only: the triggers below refuse any UPDATE or DELETE.
CREATE TABLE audit (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    actor_id    TEXT,
    actor_email TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity_kind TEXT,
    entity_id   TEXT,
    owner       TEXT,
    version     INTEGER,
    before      TEXT,
    after       TEXT,
    note        TEXT
);
CREATE INDEX audit_entity ON audit (entity_id);
CREATE INDEX audit_owner ON audit (owner);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Which versions of the reference dataset were loaded, so that a restart does not reload them.
CREATE TABLE dataset_loads (
    hash      TEXT PRIMARY KEY,
    loaded_at TEXT NOT NULL,
    inserted  INTEGER NOT NULL
);
