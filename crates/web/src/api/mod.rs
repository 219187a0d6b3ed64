//! The OpenAPI description of the JSON API under `/api/v1/`, served at `/api/openapi.json` and
//! read by the Swagger UI at `/api/docs`.

use axum::Json;
use pathways_app::domain::Kind;
use serde_json::{Value, json};

use crate::map::filter_fields;
use crate::routes::Routes;

mod roadmap;
mod rounds;

pub fn routes() -> Routes {
    Routes::new().get("/api/openapi.json", openapi)
}

/// The group each operation is listed under in the API docs, by the path's first segment.
fn tag_of(path: &str) -> &'static str {
    let first = path.trim_start_matches("/api/v1/").split('/').next().unwrap_or("");
    match first {
        "me" | "vocabulary" | "economies" => "Reference",
        "audit" => "Audit log",
        "questionnaires" | "rounds" | "responses" => "Questionnaire rounds",
        "events" | "attachments" | "findings" => "Consultations and events",
        "exercises" => "Validation exercises",
        "roadmap" => "Roadmap",
        "notifications" => "Notifications",
        _ => "Map",
    }
}

fn tag_operations(paths: &mut serde_json::Map<String, Value>) {
    for (path, item) in paths.iter_mut() {
        if let Some(ops) = item.as_object_mut() {
            for op in ops.values_mut() {
                if let Some(op) = op.as_object_mut() {
                    op.insert("tags".into(), json!([tag_of(path)]));
                }
            }
        }
    }
}

async fn openapi() -> Json<Value> {
    Json(openapi_doc())
}

/// The OpenAPI 3.1 description of this API, built from the same kind list and filter table the
/// handlers use, so that it cannot drift from them.
pub fn openapi_doc() -> Value {
    let err = json!({"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}});
    let mut paths = serde_json::Map::new();
    let mut schemas = serde_json::Map::new();
    schemas.insert(
        "Error".into(),
        json!({"type": "object", "properties": {"error": {"type": "object", "properties": {
            "code": {"type": "string", "enum": ["unauthenticated", "forbidden", "not_found", "version_conflict", "invalid", "in_use", "duplicate", "internal", "csrf"]},
            "message": {"type": "string"},
            "problems": {"type": "array", "items": {"type": "object", "properties": {"file": {"type": "string"}, "line": {"type": ["integer", "null"]}, "field": {"type": ["string", "null"]}, "message": {"type": "string"}}}},
            "current": {"type": "object", "description": "the stored record, on version_conflict"}}}}}),
    );
    schemas.insert(
        "Provenance".into(),
        json!({"type": "object", "required": ["source", "date", "confidence"], "properties": {
            "source": {"type": "string"}, "date": {"type": "string", "description": "YYYY, YYYY-MM or YYYY-MM-DD"},
            "confidence": {"type": "string", "enum": ["high", "medium", "low"]},
            "looked_in": {"type": "string", "description": "where the evidence was looked for (unknown facts)"}}}),
    );
    let bearer = json!([{"bearer": []}, {"session": []}]);
    for kind in Kind::ALL {
        let name = kind.as_str().to_string();
        let mut props = serde_json::Map::new();
        props.insert("id".into(), json!({"type": "string", "readOnly": true}));
        props.insert(
            "version".into(),
            json!({"type": "integer", "description": "send it back on PATCH; a stale version gets 409"}),
        );
        for c in pathways_app::domain::dataset::columns(kind) {
            if *c != "id" {
                props.insert(c.to_string(), json!({}));
            }
        }
        props.insert("provenance".into(), json!({"$ref": "#/components/schemas/Provenance"}));
        schemas.insert(name.clone(), json!({"type": "object", "properties": props}));
        let item = json!({"$ref": format!("#/components/schemas/{name}")});
        let mut params = vec![
            json!({"name": "economy", "in": "query", "schema": {"type": "string"}, "description": "economy or country code"}),
            json!({"name": "q", "in": "query", "schema": {"type": "string"}, "description": "free-text search"}),
        ];
        params.extend(
            filter_fields(kind)
                .iter()
                .map(|f| json!({"name": f, "in": "query", "schema": {"type": "string"}})),
        );
        let base = format!("/api/v1/{}", kind.plural());
        paths.insert(base.clone(), json!({
            "get": {"summary": format!("List {}", kind.plural()), "parameters": params, "responses": {"200": {"description": "the list", "content": {"application/json": {"schema": {"type": "object", "properties": {"count": {"type": "integer"}, "items": {"type": "array", "items": item}}}}}}, "422": err}},
            "post": {"summary": format!("Create a {name}"), "security": bearer, "requestBody": {"content": {"application/json": {"schema": item}}}, "responses": {"201": {"description": "created", "content": {"application/json": {"schema": item}}}, "401": err, "403": err, "422": err}}
        }));
        let id = json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}});
        paths.insert(format!("{base}/{{id}}"), json!({
            "get": {"summary": format!("Get a {name}"), "parameters": [id], "responses": {"200": {"description": "the record", "content": {"application/json": {"schema": item}}}, "404": err}},
            "patch": {"summary": format!("Change fields of a {name}"), "description": "Send `version` (the one you read) and the changed fields; `null` clears an optional field.", "security": bearer, "parameters": [id], "requestBody": {"content": {"application/json": {"schema": {"type": "object", "required": ["version"]}}}}, "responses": {"200": {"description": "saved", "content": {"application/json": {"schema": item}}}, "401": err, "403": err, "404": err, "409": err, "422": err}},
            "delete": {"summary": format!("Delete a {name}"), "security": bearer, "parameters": [id, {"name": "version", "in": "query", "required": true, "schema": {"type": "integer"}}], "responses": {"204": {"description": "deleted"}, "401": err, "403": err, "409": err, "422": err}}
        }));
        paths.insert(format!("{base}/{{id}}/history"), json!({
            "get": {"summary": format!("History of a {name}"), "security": bearer, "parameters": [id], "responses": {"200": {"description": "audit entries, newest first"}, "401": err, "404": err}}
        }));
    }
    paths.insert("/api/v1/economies".into(), json!({"get": {"summary": "The six economies with headline figures", "responses": {"200": {"description": "the list"}}}}));
    paths.insert("/api/v1/economies/{code}".into(), json!({"get": {"summary": "One economy", "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "the economy"}, "404": err}}}));
    paths.insert("/api/v1/vocabulary".into(), json!({"get": {"summary": "Codes: economies, countries, stages, kinds, permit types, sectors, indicators", "responses": {"200": {"description": "the vocabulary"}}}}));
    paths.insert("/api/v1/me".into(), json!({"get": {"summary": "The signed-in principal", "security": bearer, "responses": {"200": {"description": "who you are"}, "401": err}}}));
    paths.insert("/api/v1/audit".into(), json!({"get": {"summary": "The audit log (admins and analysts)", "security": bearer, "parameters": [
        {"name": "entity_id", "in": "query", "schema": {"type": "string"}}, {"name": "economy", "in": "query", "schema": {"type": "string"}},
        {"name": "actor", "in": "query", "schema": {"type": "string"}}, {"name": "before", "in": "query", "schema": {"type": "integer"}},
        {"name": "limit", "in": "query", "schema": {"type": "integer"}}], "responses": {"200": {"description": "entries, newest first"}, "401": err, "403": err}}}));
    for (path, item) in rounds::openapi_paths(&err, &bearer)
        .into_iter()
        .chain(roadmap::openapi_paths(&err, &bearer))
    {
        paths.insert(path, item);
    }
    tag_operations(&mut paths);
    json!({
        "openapi": "3.1.0",
        "info": {"title": "Pathways API", "version": env!("CARGO_PKG_VERSION"), "description": "Labour-migration mapping of the Western Balkans. Reads are open; writes need a personal token (`pathways user token EMAIL`) sent as `Authorization: Bearer ...`, or a browser session with its CSRF token."},
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}, "session": {"type": "apiKey", "in": "cookie", "name": "pathways_session"}}}
    })
}
