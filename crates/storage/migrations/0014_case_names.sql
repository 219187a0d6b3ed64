-- Pathways schema, version 14: a case's surname (or full name) as a key beside its JSON fields,
-- so that the case list finds a name through an index at a hundred thousand cases.

ALTER TABLE cases ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
UPDATE cases SET name_key = upper(replace(replace(
    CASE WHEN trim(json_extract(fields, '$.surname')) <> '' THEN json_extract(fields, '$.surname')
         ELSE json_extract(fields, '$.full_name') END, ' ', ''), '-', ''));
CREATE INDEX cases_by_state ON cases (economy, state, updated_at);
-- The list's filters, each with the order it pages in, so that a page is found in the index.
CREATE INDEX cases_by_name_then_change ON cases (economy, name_key, updated_at);
CREATE INDEX cases_by_nationality_then_change ON cases (economy, nationality, state, updated_at);
