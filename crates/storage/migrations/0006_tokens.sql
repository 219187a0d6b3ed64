-- Pathways schema, version 6: API tokens that expire and can be revoked, with a name; accounts
-- that are disabled lose their sessions at once (the app deletes them), and tokens stop working
-- because lookups join the user.
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
ALTER TABLE api_tokens ADD COLUMN revoked_at TEXT;
ALTER TABLE api_tokens ADD COLUMN label TEXT NOT NULL DEFAULT '';
-- Tokens issued before tokens could expire get the default lifetime from now.
UPDATE api_tokens SET expires_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+90 days') WHERE expires_at IS NULL;
CREATE INDEX api_tokens_user ON api_tokens (user_id);
