-- Pathways schema, version 5: the validation exercise (Delphi rounds of 1–9 ratings by the
-- economies' delegates), in-app notifications (reminders), and the roadmap with its dated,
-- append-only progress updates.

CREATE TABLE exercises (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    -- JSON: items, consensus rule, anonymity, outcomes and the statistics of each closed round.
    body       TEXT NOT NULL,
    -- draft: being set up; open: a round is running; paused: between rounds; closed: finished.
    status     TEXT NOT NULL CHECK (status IN ('draft', 'open', 'paused', 'closed')),
    round      INTEGER NOT NULL DEFAULT 0 CHECK (round >= 0),
    version    INTEGER NOT NULL CHECK (version >= 1),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE exercise_participants (
    exercise_id TEXT NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    user_id     TEXT NOT NULL REFERENCES users (id),
    role        TEXT NOT NULL CHECK (role IN ('delegate', 'observer')),
    economy     TEXT,
    invited_at  TEXT NOT NULL,
    PRIMARY KEY (exercise_id, user_id),
    CHECK ((role = 'delegate') = (economy IS NOT NULL))
);

-- One answer per delegate, item and round; a delegate may change it while the round is open.
CREATE TABLE exercise_ratings (
    exercise_id TEXT NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    round       INTEGER NOT NULL CHECK (round >= 1),
    item        TEXT NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users (id),
    rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 9),
    stance      TEXT NOT NULL CHECK (stance IN ('agree', 'disagree', 'amend')),
    amendment   TEXT NOT NULL DEFAULT '',
    comment     TEXT NOT NULL DEFAULT '',
    answered_at TEXT NOT NULL,
    PRIMARY KEY (exercise_id, round, item, user_id)
);

CREATE TABLE notifications (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    text       TEXT NOT NULL,
    link       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at    TEXT
);
CREATE INDEX notifications_user ON notifications (user_id, read_at);

CREATE TABLE roadmap_actions (
    id         TEXT PRIMARY KEY,
    -- The economy of an economy's action; NULL for a regional action (analysts only).
    owner      TEXT,
    body       TEXT NOT NULL,
    version    INTEGER NOT NULL CHECK (version >= 1),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

-- Progress updates are never edited: a correction is a new update.
CREATE TABLE action_updates (
    id          TEXT PRIMARY KEY,
    action_id   TEXT NOT NULL REFERENCES roadmap_actions (id),
    body        TEXT NOT NULL,
    reported_by TEXT NOT NULL,
    reported_at TEXT NOT NULL
);
CREATE INDEX action_updates_action ON action_updates (action_id, reported_at);
