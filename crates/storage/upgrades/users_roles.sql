-- The two roles of screening: a case officer is scoped to one economy, a CoO liaison to one
-- Country of Origin (ISO 3166-1 alpha-2), kept in `economy` as a focal point's economy is.
--
-- SQLite cannot change a CHECK constraint in place, so the table is rebuilt by the procedure of
-- https://www.sqlite.org/lang_altertable.html#otheralter. It runs with foreign keys off (set by
-- the caller, outside any transaction), so that dropping the old table neither cascades to nor
-- orphans the rows that reference users (tokens, sessions, participants, ratings, links); the
-- caller checks the foreign keys before it commits.
CREATE TABLE users_new (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'focal-point', 'viewer', 'case-officer', 'coo-liaison')),
    economy       TEXT,
    password_hash TEXT,
    created_at    TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    -- Added by migration 0020, which runs before this upgrade.
    locale        TEXT,
    CHECK ((role IN ('focal-point', 'case-officer', 'coo-liaison')) = (economy IS NOT NULL))
);
INSERT INTO users_new (id, email, role, economy, password_hash, created_at, disabled, locale)
    SELECT id, email, role, economy, password_hash, created_at, disabled, locale FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
