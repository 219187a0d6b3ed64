-- Pathways schema, version 13: retention of screening data. A case records when it was closed and
-- when its identity was purged; a purge keeps what the figures need (nationality, pathway, dates,
-- decision and its reasons, outcomes and their dates) and removes the person (names, date of
-- birth, passport, notes, the excerpts sent to Countries of Origin, every earlier version).
-- The append-only guards are narrowed so that a purge may clear personal text, and nothing else.

ALTER TABLE cases ADD COLUMN closed_at TEXT;
ALTER TABLE cases ADD COLUMN purged_at TEXT;
UPDATE cases SET closed_at = updated_at WHERE state = 'closed';
CREATE INDEX cases_by_closure ON cases (closed_at, purged_at);

DROP TRIGGER verification_answered_once;
-- An answer is given once: its outcome, author and time never change; its comment may only be
-- cleared (by a purge).
CREATE TRIGGER verification_answered_once BEFORE UPDATE ON verification_requests
WHEN OLD.outcome IS NOT NULL AND (
    NEW.outcome IS NOT OLD.outcome OR NEW.answered_by IS NOT OLD.answered_by
    OR NEW.answered_at IS NOT OLD.answered_at
    OR (NEW.comment IS NOT OLD.comment AND NEW.comment IS NOT NULL))
BEGIN SELECT RAISE(ABORT, 'a verification request is answered once'); END;

DROP TRIGGER case_outcomes_no_update;
-- Outcomes are recorded, never rewritten: only their note may be cleared (by a purge).
CREATE TRIGGER case_outcomes_no_update BEFORE UPDATE ON case_outcomes
WHEN NEW.case_id IS NOT OLD.case_id OR NEW.kind IS NOT OLD.kind OR NEW.day IS NOT OLD.day
    OR NEW.recorded_by IS NOT OLD.recorded_by OR NEW.recorded_at IS NOT OLD.recorded_at
    OR NEW.note <> ''
BEGIN SELECT RAISE(ABORT, 'outcomes are recorded, never rewritten'); END;
