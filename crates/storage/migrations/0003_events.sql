-- Pathways schema, version 3: consultations and workshops, with their attachments.

CREATE TABLE events (
    id         TEXT PRIMARY KEY,
    owner      TEXT,
    body       TEXT NOT NULL CHECK (json_valid(body)),
    version    INTEGER NOT NULL CHECK (version >= 1),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

-- Files kept with their checksum, so that a download can be verified against the record.
CREATE TABLE attachments (
    id           TEXT PRIMARY KEY,
    event_id     TEXT NOT NULL REFERENCES events (id),
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    bytes        BLOB NOT NULL,
    uploaded_by  TEXT NOT NULL,
    uploaded_at  TEXT NOT NULL
);
CREATE INDEX attachments_event ON attachments (event_id);
