-- Pathways schema, version 15: the case list's name filter with the state beside the name, so that
-- "received cases named Thapa" is answered from the index without reading each named case.

DROP INDEX cases_by_name_then_change;
CREATE INDEX cases_by_name_state_then_change ON cases (economy, name_key, state, updated_at);
