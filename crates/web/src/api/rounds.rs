//! The OpenAPI paths of questionnaires, rounds, responses and events.

use serde_json::{Value, json};

/// The OpenAPI paths of this module, merged into the API's description.
pub fn openapi_paths(err: &Value, bearer: &Value) -> Vec<(String, Value)> {
    let id = json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}});
    let version = json!({"type": "object", "required": ["version"], "properties": {"version": {"type": "integer"}}});
    let lang = json!({"name": "lang", "in": "query", "schema": {"type": "string"}, "description": "language of the labels (a language of the form)"});
    let event = json!({"type": "object", "required": ["kind", "title", "date", "economies"], "properties": {
        "kind": {"type": "string", "enum": ["bilateral_consultation", "national_consultation", "regional_workshop", "high_level_meeting"]},
        "title": {"type": "string"}, "date": {"type": "string", "format": "date"}, "place": {"type": "string"},
        "economies": {"type": "array", "items": {"type": "string"}}, "institutions": {"type": "array", "items": {"type": "string"}},
        "persons": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}, "role": {"type": "string"}, "institution": {"type": "string"}}}},
        "agenda": {"type": "string"}, "notes": {"type": "string", "description": "Markdown"},
        "decisions": {"type": "array", "items": {"type": "string"}},
        "follow_ups": {"type": "array", "items": {"type": "object", "properties": {"action": {"type": "string"}, "owner": {"type": "string"}, "due": {"type": "string", "format": "date"}, "done": {"type": "boolean"}}}},
        "findings": {"type": "array", "items": {"type": "object", "properties": {"economy": {"type": "string"}, "stage": {"type": "string"}, "text": {"type": "string"}}}},
        "version": {"type": "integer", "description": "on PATCH: the version you read"}}});
    vec![
        (
            "/api/v1/questionnaires".into(),
            json!({
            "get": {"summary": "Questionnaire versions (analysts, admins)", "security": bearer, "responses": {"200": {"description": "the list"}, "401": err, "403": err}},
            "post": {"summary": "Add a questionnaire version: the XLSForm file (.xlsx, .xls, .ods) is the body", "security": bearer,
                "parameters": [{"name": "file_name", "in": "query", "schema": {"type": "string"}}],
                "requestBody": {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
                "responses": {"201": {"description": "stored (or the same file stored before)"}, "401": err, "403": err, "422": err}}}),
        ),
        (
            "/api/v1/questionnaires/{id}".into(),
            json!({"get": {"summary": "A questionnaire with what it holds", "security": bearer, "parameters": [id], "responses": {"200": {"description": "metadata and summary"}, "404": err}}}),
        ),
        (
            "/api/v1/questionnaires/{id}/form.xlsx".into(),
            json!({"get": {"summary": "The XLSForm file", "security": bearer, "parameters": [id], "responses": {"200": {"description": "the workbook"}, "404": err}}}),
        ),
        (
            "/api/v1/rounds".into(),
            json!({
            "get": {"summary": "Rounds you take part in", "security": bearer, "responses": {"200": {"description": "the list"}, "401": err}},
            "post": {"summary": "Open a round (one draft response per economy)", "security": bearer,
                "requestBody": {"content": {"application/json": {"schema": {"type": "object", "required": ["questionnaire", "title", "economies", "deadline"], "properties": {
                    "questionnaire": {"type": "string"}, "title": {"type": "string"}, "economies": {"type": "array", "items": {"type": "string"}}, "deadline": {"type": "string", "format": "date"}}}}}},
                "responses": {"201": {"description": "opened"}, "401": err, "403": err, "422": err}}}),
        ),
        (
            "/api/v1/rounds/{id}".into(),
            json!({"get": {"summary": "Round dashboard: per economy state, share answered, problems; days to the deadline", "security": bearer, "parameters": [id], "responses": {"200": {"description": "the dashboard"}, "403": err, "404": err}}}),
        ),
        (
            "/api/v1/rounds/{id}/close".into(),
            json!({"post": {"summary": "Close a round", "security": bearer, "parameters": [id], "responses": {"200": {"description": "closed"}, "403": err, "404": err}}}),
        ),
        (
            "/api/v1/rounds/{id}/reopen".into(),
            json!({"post": {"summary": "Reopen a round", "security": bearer, "parameters": [id], "responses": {"200": {"description": "open"}, "403": err, "404": err}}}),
        ),
        (
            "/api/v1/responses/{id}".into(),
            json!({
            "get": {"summary": "A response with its evaluation (relevance, calculations, problems per question)", "security": bearer, "parameters": [id], "responses": {"200": {"description": "the response"}, "403": err, "404": err}},
            "patch": {"summary": "Save a draft: answers set (\"\" clears), repeat instances added or removed", "description": "Send the version you read. Saves made since are merged unless they changed the same answers (409 with `current` and `overlapping`).",
                "security": bearer, "parameters": [id],
                "requestBody": {"content": {"application/json": {"schema": {"type": "object", "required": ["version"], "properties": {
                    "version": {"type": "integer"}, "set": {"type": "object", "additionalProperties": {"type": "string"}},
                    "add": {"type": "array", "items": {"type": "string"}}, "remove": {"type": "array", "items": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}]}}}}}}},
                "responses": {"200": {"description": "saved"}, "403": err, "404": err, "409": err, "422": err}}}),
        ),
        (
            "/api/v1/responses/{id}/submit".into(),
            json!({"post": {"summary": "Submit for review (refused with every problem while answers are missing)", "security": bearer, "parameters": [id], "requestBody": {"content": {"application/json": {"schema": version}}}, "responses": {"200": {"description": "submitted"}, "403": err, "409": err, "422": err}}}),
        ),
        (
            "/api/v1/responses/{id}/review".into(),
            json!({"post": {"summary": "Review: approve, has_issues (with comments per question), reject, reset", "security": bearer, "parameters": [id],
            "requestBody": {"content": {"application/json": {"schema": {"type": "object", "required": ["version", "decision"], "properties": {"version": {"type": "integer"}, "decision": {"type": "string", "enum": ["approve", "has_issues", "reject", "reset"]}, "comments": {"type": "object", "additionalProperties": {"type": "string"}}, "note": {"type": "string"}, "choices": {"type": "object", "description": "for each contradiction (proposal key): replace or keep", "additionalProperties": {"type": "string", "enum": ["replace", "keep"]}}}}}}},
            "responses": {"200": {"description": "recorded"}, "403": err, "409": err, "422": err}}}),
        ),
        (
            "/api/v1/responses/{id}/versions".into(),
            json!({"get": {"summary": "Every saved version of a response", "security": bearer, "parameters": [id], "responses": {"200": {"description": "versions, oldest first"}, "403": err, "404": err}}}),
        ),
        (
            "/api/v1/responses/{id}/proposals".into(),
            json!({"get": {"summary": "The changes to the map an approval of this response would make (contradictions to settle)", "security": bearer, "parameters": [id], "responses": {"200": {"description": "proposals"}, "403": err, "404": err}}}),
        ),
        (
            "/api/v1/rounds/{id}/export.xlsx".into(),
            json!({"get": {"summary": "The round's responses as XLSX (a sheet per repeat; only the economies you may read)", "security": bearer, "parameters": [id, lang.clone()], "responses": {"200": {"description": "the workbook"}, "403": err, "404": err}}}),
        ),
        (
            "/api/v1/rounds/{id}/export.csv".into(),
            json!({"get": {"summary": "The round's responses as one wide CSV (only the economies you may read)", "security": bearer, "parameters": [id, lang], "responses": {"200": {"description": "the CSV"}, "403": err, "404": err}}}),
        ),
        (
            "/api/v1/events".into(),
            json!({
            "get": {"summary": "Consultations and workshops you may read", "security": bearer, "responses": {"200": {"description": "the list"}, "401": err}},
            "post": {"summary": "Record an event (a focal point: their economy's; analysts: any)", "security": bearer, "requestBody": {"content": {"application/json": {"schema": event.clone()}}}, "responses": {"201": {"description": "recorded"}, "401": err, "403": err, "422": err}}}),
        ),
        (
            "/api/v1/events/{id}".into(),
            json!({
            "get": {"summary": "An event with its participants, notes, decisions, follow-ups and findings", "security": bearer, "parameters": [id], "responses": {"200": {"description": "the event"}, "403": err, "404": err}},
            "patch": {"summary": "Replace an event (send the version you read)", "security": bearer, "parameters": [id], "requestBody": {"content": {"application/json": {"schema": event}}}, "responses": {"200": {"description": "saved"}, "403": err, "404": err, "409": err, "422": err}},
            "delete": {"summary": "Delete an event", "security": bearer, "parameters": [id, {"name": "version", "in": "query", "required": true, "schema": {"type": "integer"}}], "responses": {"204": {"description": "deleted"}, "403": err, "404": err, "409": err}}}),
        ),
        (
            "/api/v1/events/{id}/attachments".into(),
            json!({
            "get": {"summary": "An event's attachments (name, size, SHA-256)", "security": bearer, "parameters": [id], "responses": {"200": {"description": "the list"}, "403": err, "404": err}},
            "post": {"summary": "Attach a file: the body is the file (up to 10 MB); its type is read from its bytes", "security": bearer, "parameters": [id, {"name": "file_name", "in": "query", "schema": {"type": "string"}}], "requestBody": {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}, "responses": {"201": {"description": "attached"}, "403": err, "404": err, "422": err}}}),
        ),
        (
            "/api/v1/attachments/{id}".into(),
            json!({"get": {"summary": "Download an attachment (sandboxed, as an attachment)", "security": bearer, "parameters": [id], "responses": {"200": {"description": "the file"}, "403": err, "404": err}}}),
        ),
        (
            "/api/v1/findings".into(),
            json!({"get": {"summary": "Findings raised at the events you may read", "security": bearer, "responses": {"200": {"description": "the list"}, "401": err}}}),
        ),
    ]
}
