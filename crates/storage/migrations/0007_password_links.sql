-- Pathways schema, version 7: one-time links to set a password. An admin invites a user (the
-- account has no password until the link is used) or resets a password (the old one stops at
-- once); only the link's digest is kept, and a link works once, until it expires.
CREATE TABLE password_links (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    purpose    TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX password_links_user ON password_links (user_id);
