-- Pathways schema, version 4: analysts' decisions on candidate findings (accept, edit, reject),
-- keyed by the finding's stable key so that a decision survives the regeneration of candidates.

CREATE TABLE finding_decisions (
    key        TEXT PRIMARY KEY,
    status     TEXT NOT NULL CHECK (status IN ('accepted', 'edited', 'rejected')),
    text       TEXT,
    version    INTEGER NOT NULL CHECK (version >= 1),
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL
);
