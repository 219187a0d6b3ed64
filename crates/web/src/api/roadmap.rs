//! The OpenAPI paths of validation exercises, the roadmap and notifications.

use serde_json::{Value, json};

/// The OpenAPI paths of this module, merged into the API's description.
pub fn openapi_paths(err: &Value, bearer: &Value) -> Vec<(String, Value)> {
    let id = json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}});
    let version = json!({"type": "object", "required": ["version"], "properties": {"version": {"type": "integer"}}});
    let body = |schema: Value| json!({"content": {"application/json": {"schema": schema}}});
    let post = |summary: &str, schema: Value| {
        json!({"post": {"summary": summary, "security": bearer, "parameters": [id], "requestBody": body(schema),
            "responses": {"200": {"description": "done"}, "403": err, "404": err, "409": err, "422": err}}})
    };
    vec![
        (
            "/api/v1/exercises".into(),
            json!({
            "get": {"summary": "Validation exercises you take part in (analysts: all)", "security": bearer, "responses": {"200": {"description": "the list"}, "401": err}},
            "post": {"summary": "Build an exercise from accepted findings (keys) and priority areas (stage codes), with its consensus rule", "security": bearer,
                "requestBody": body(json!({"type": "object", "required": ["title"], "properties": {
                    "title": {"type": "string"}, "findings": {"type": "array", "items": {"type": "string"}}, "priorities": {"type": "array", "items": {"type": "string"}},
                    "min_median": {"type": "number", "default": 7}, "max_iqr": {"type": "number", "default": 2}, "min_panel": {"type": "integer", "default": 3, "description": "fewer raters than this: aggregates and comments are withheld"}, "reveal_answers": {"type": "boolean", "default": false}}})),
                "responses": {"201": {"description": "created in draft"}, "403": err, "422": err}}}),
        ),
        (
            "/api/v1/exercises/{id}".into(),
            json!({"get": {"summary": "The exercise as you may see it: your own answers, closed rounds' aggregates; analysts also see who has answered (not what, unless answers are revealed)", "security": bearer, "parameters": [id], "responses": {"200": {"description": "the view"}, "404": err}}}),
        ),
        (
            "/api/v1/exercises/{id}/participants".into(),
            post(
                "Invite a focal point as their economy's delegate, or anyone as an observer",
                json!({"type": "object", "required": ["email", "role"], "properties": {"email": {"type": "string"}, "role": {"type": "string", "enum": ["delegate", "observer"]}}}),
            ),
        ),
        (
            "/api/v1/exercises/{id}/rounds".into(),
            post("Open the next round (delegates are notified)", version.clone()),
        ),
        (
            "/api/v1/exercises/{id}/rounds/close".into(),
            post(
                "Close the running round: statistics, Kendall's W, items meeting the rule validated",
                version.clone(),
            ),
        ),
        (
            "/api/v1/exercises/{id}/ratings".into(),
            post(
                "A delegate's ratings in the running round (1–9, agree / disagree / amend with the wording, comment)",
                json!({"type": "object", "required": ["ratings"], "properties": {"ratings": {"type": "array", "items": {"type": "object", "required": ["item", "rating", "stance"], "properties": {
                    "item": {"type": "string"}, "rating": {"type": "integer", "minimum": 1, "maximum": 9}, "stance": {"type": "string", "enum": ["agree", "disagree", "amend"]},
                    "amendment": {"type": "string"}, "comment": {"type": "string"}}}}}}),
            ),
        ),
        (
            "/api/v1/exercises/{id}/reminders".into(),
            json!({"post": {"summary": "Remind the delegates who have not answered every open item", "security": bearer, "parameters": [id], "responses": {"200": {"description": "whom"}, "403": err, "422": err}}}),
        ),
        (
            "/api/v1/exercises/{id}/items/{item}".into(),
            json!({"post": {"summary": "An item's outcome between rounds: validated, amended (with the agreed wording) or dropped", "security": bearer,
                "parameters": [id, {"name": "item", "in": "path", "required": true, "schema": {"type": "string"}}],
                "requestBody": body(json!({"type": "object", "required": ["version", "outcome"], "properties": {"version": {"type": "integer"}, "outcome": {"type": "string", "enum": ["validated", "amended", "dropped"]}, "text": {"type": "string"}}})),
                "responses": {"200": {"description": "decided"}, "403": err, "409": err, "422": err}}}),
        ),
        (
            "/api/v1/exercises/{id}/close".into(),
            post("End the exercise: items without consensus are dropped", version.clone()),
        ),
        (
            "/api/v1/roadmap/actions".into(),
            json!({
            "get": {"summary": "Every roadmap action with its timeframe, overdue milestones and indicator values", "security": bearer, "responses": {"200": {"description": "the list"}, "401": err}},
            "post": {"summary": "A new action (analysts)", "security": bearer, "requestBody": body(json!({"type": "object", "description": "title, rationale, type, scope (WB6 or an economy), lead, partners, start, end, milestones, alignment, indicators, status"})),
                "responses": {"201": {"description": "created"}, "403": err, "422": err}}}),
        ),
        (
            "/api/v1/roadmap/actions/{id}".into(),
            json!({
            "get": {"summary": "An action with its history of progress updates", "security": bearer, "parameters": [id], "responses": {"200": {"description": "the action"}, "404": err}},
            "put": {"summary": "Replace an action (analysts), at the version read", "security": bearer, "parameters": [id],
                "requestBody": body(json!({"type": "object", "required": ["version", "action"], "properties": {"version": {"type": "integer"}, "action": {"type": "object"}}})),
                "responses": {"200": {"description": "saved"}, "403": err, "409": err, "422": err}},
            "delete": {"summary": "Delete an action (analysts)", "security": bearer, "parameters": [id], "requestBody": body(version.clone()), "responses": {"204": {"description": "deleted"}, "403": err, "409": err}}}),
        ),
        (
            "/api/v1/roadmap/actions/{id}/updates".into(),
            json!({
            "get": {"summary": "Progress updates, oldest first", "security": bearer, "parameters": [id], "responses": {"200": {"description": "the list"}, "404": err}},
            "post": {"summary": "Report progress (focal points of the action's economy; analysts)", "security": bearer, "parameters": [id],
                "requestBody": body(json!({"type": "object", "required": ["version", "status", "note"], "properties": {"version": {"type": "integer"},
                    "status": {"type": "string", "enum": ["not_started", "limited", "substantial", "complete"]}, "note": {"type": "string"}, "evidence": {"type": "string"},
                    "milestones_done": {"type": "array", "items": {"type": "string"}}, "actuals": {"type": "array", "items": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "number"}]}}}})),
                "responses": {"201": {"description": "recorded"}, "403": err, "409": err, "422": err}}}),
        ),
        (
            "/api/v1/roadmap/drafts".into(),
            json!({"post": {"summary": "Draft an action from a catalogue intervention for WB6 or an economy", "security": bearer,
                "requestBody": body(json!({"type": "object", "required": ["intervention", "scope", "start"], "properties": {"intervention": {"type": "string"}, "scope": {"type": "string"}, "start": {"type": "string", "format": "date"}}})),
                "responses": {"201": {"description": "drafted"}, "403": err, "404": err, "422": err}}}),
        ),
        (
            "/api/v1/roadmap/catalogue".into(),
            json!({"get": {"summary": "The catalogue of typical interventions", "security": bearer, "responses": {"200": {"description": "the list"}}}}),
        ),
        (
            "/api/v1/roadmap/alignment".into(),
            json!({"get": {"summary": "The EU alignment references, with sources", "security": bearer, "responses": {"200": {"description": "the list"}}}}),
        ),
        (
            "/api/v1/roadmap/dashboard".into(),
            json!({"get": {"summary": "Monitoring: status counts, overdue milestones, indicator progress, coverage of the priorities", "security": bearer, "responses": {"200": {"description": "the dashboard"}}}}),
        ),
        (
            "/api/v1/notifications".into(),
            json!({"get": {"summary": "Your notifications (round openings, reminders), each with read_at once seen", "security": bearer, "responses": {"200": {"description": "the list"}}}}),
        ),
        (
            "/api/v1/notifications/read".into(),
            json!({"post": {"summary": "Mark your notifications as read", "security": bearer, "responses": {"200": {"description": "how many were unread"}}}}),
        ),
    ]
}
