-- Pathways schema, version 9: verification requests from a case officer to the authority of a
-- Country of Origin. The liaison reads the request's excerpt (the few fields needed to answer),
-- never the case.

CREATE TABLE verification_requests (
    id          TEXT PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases (id),
    economy     TEXT NOT NULL,
    country     TEXT NOT NULL,
    subject     TEXT NOT NULL CHECK (subject IN ('demand_letter', 'agency_licence', 'emigration_clearance', 'police_clearance', 'qualification', 'identity')),
    question    TEXT NOT NULL,
    excerpt     TEXT NOT NULL,
    due         TEXT NOT NULL,
    outcome     TEXT CHECK (outcome IN ('confirmed', 'not_confirmed', 'cannot_verify')),
    comment     TEXT,
    answered_by TEXT,
    answered_at TEXT,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    CHECK ((outcome IS NULL) = (answered_at IS NULL))
);
CREATE INDEX verification_by_country ON verification_requests (country, created_at);
CREATE INDEX verification_by_case ON verification_requests (case_id);
-- An answer is given once: a request is written when made and when answered, never after.
CREATE TRIGGER verification_answered_once BEFORE UPDATE ON verification_requests
WHEN OLD.outcome IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a verification request is answered once'); END;
