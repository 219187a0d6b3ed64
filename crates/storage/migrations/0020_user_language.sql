-- Pathways schema, version 20: each user's language for the interface (a BCP 47 tag of one of
-- the platform's locales; NULL: the browser's language decides).
ALTER TABLE users ADD COLUMN locale TEXT;
