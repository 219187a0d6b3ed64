-- Pathways schema, version 12: e-mail waiting to be sent (an outbox written in the transaction of
-- the change it tells of, so that no mail goes out for a change that was rolled back), and when
-- the liaisons of a country were last reminded of an overdue request.

CREATE TABLE mail_outbox (
    id          TEXT PRIMARY KEY,
    recipient   TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    -- The page the message points to, as a path: the sender prefixes the server's public address.
    link        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    sent_at     TEXT,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT
);
CREATE INDEX mail_outbox_pending ON mail_outbox (sent_at, attempts, created_at);

ALTER TABLE verification_requests ADD COLUMN reminded_at TEXT;
