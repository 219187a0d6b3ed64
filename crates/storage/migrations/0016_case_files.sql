-- Pathways schema, version 16: files kept with a work-permit case — the application's documents,
-- and those that go with a verification request (the document in question, the Country of
-- Origin's answer). Kept with their checksum, never rewritten; a retention purge deletes them
-- with the rest of the person's data.

CREATE TABLE case_files (
    id           TEXT PRIMARY KEY,
    case_id      TEXT NOT NULL REFERENCES cases (id),
    request_id   TEXT REFERENCES verification_requests (id),
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL CHECK (size > 0),
    sha256       TEXT NOT NULL,
    bytes        BLOB NOT NULL,
    uploaded_by  TEXT NOT NULL,
    uploaded_at  TEXT NOT NULL
);
CREATE INDEX case_files_by_case ON case_files (case_id, uploaded_at);
CREATE INDEX case_files_by_request ON case_files (request_id, uploaded_at);
CREATE TRIGGER case_files_no_update BEFORE UPDATE ON case_files
BEGIN SELECT RAISE(ABORT, 'case files are never rewritten'); END;
