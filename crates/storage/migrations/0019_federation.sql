-- Pathways schema, version 19: identity linkage across economies without sharing names.
-- The keys the economies agreed for their encoded registers (rotation: the newest key not
-- retired encodes; any key not retired is accepted on import), the encoded registers an economy
-- received from another (or that one economy of this deployment published to the others), the
-- pseudonyms an economy's exports gave its records (so that a query about one can be answered),
-- and queries between economies in the request workflow (`to_economy`).

CREATE TABLE federation_keys (
    fingerprint TEXT PRIMARY KEY,
    secret      BLOB NOT NULL,
    added_by    TEXT NOT NULL,
    added_at    TEXT NOT NULL,
    retired_at  TEXT
);

-- A local secret no other economy holds: the pseudonyms are keyed with it, so a pseudonym tells
-- nothing of the record it stands for.
CREATE TABLE instance_secrets (
    name   TEXT PRIMARY KEY,
    secret BLOB NOT NULL
);

CREATE TABLE encoded_registers (
    id              TEXT PRIMARY KEY,
    from_economy    TEXT NOT NULL,
    -- NULL: published by `from_economy` to every other economy of this deployment.
    into_economy    TEXT,
    key_fingerprint TEXT NOT NULL,
    exported_at     TEXT NOT NULL,
    records         INTEGER NOT NULL,
    sha256          TEXT NOT NULL,
    body            BLOB NOT NULL,
    imported_by     TEXT NOT NULL,
    imported_at     TEXT NOT NULL,
    CHECK (into_economy IS NULL OR into_economy <> from_economy)
);
-- One register per route: a newer export replaces the older.
CREATE UNIQUE INDEX encoded_register_route ON encoded_registers (from_economy, IFNULL(into_economy, ''));

CREATE TABLE pseudonyms (
    pseudonym TEXT PRIMARY KEY,
    economy   TEXT NOT NULL,
    record_id TEXT NOT NULL
);
CREATE INDEX pseudonym_of_record ON pseudonyms (record_id);

ALTER TABLE verification_requests ADD COLUMN to_economy TEXT;
CREATE INDEX verification_to_economy ON verification_requests (to_economy, created_at);
