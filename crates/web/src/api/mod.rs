//! The OpenAPI description of the JSON API under `/api/v1/`, served at `/api/openapi.json` and
//! read by the Swagger UI at `/api/docs`.
//!
//! It is generated from the handlers: each API route is registered from its `#[utoipa::path]`
//! (see [`crate::routes::Routes::api`]), whose doc comment, parameters, request type and answer
//! become its operation. This module then adds what is the same for every operation — the group
//! it is listed under, who may call it, the error body — and spells out the record collections,
//! one path per kind with the kind's fields and filters, from the kind table the handlers use.

use std::sync::OnceLock;

use axum::http::header;
use axum::response::IntoResponse;
use pathways_app::domain::Kind;
use serde_json::{Map, Value, json};

use crate::map::filter_fields;
use crate::routes::Routes;

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
        "cases" | "verification-requests" => "Screening",
        _ => "Map",
    }
}

/// `get` `/api/v1/rounds/{id}/export.csv` → `getRoundsIdExportCsv`.
fn operation_id(method: &str, path: &str) -> String {
    let mut id = method.to_string();
    for word in path
        .trim_start_matches("/api/v1/")
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            id.push(first.to_ascii_uppercase());
            id.extend(chars);
        }
    }
    id
}

/// Built and serialised once: it depends only on the code.
async fn openapi() -> impl IntoResponse {
    static DOC: OnceLock<String> = OnceLock::new();
    (
        [(header::CONTENT_TYPE, "application/json")],
        DOC.get_or_init(|| openapi_doc().to_string()).as_str(),
    )
}

/// The schema of a record of `kind`, from the columns of its data file.
fn kind_schema(kind: Kind) -> Value {
    let mut props = Map::new();
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
    json!({"type": "object", "properties": props})
}

/// One generic operation on `{kinds}` made into the operation on one collection: its own
/// summary, no `kinds` parameter, its filters on a list, its record schema in bodies and answers.
fn for_kind(op: &Value, method: &str, kind: Kind, is_list: bool) -> Value {
    let mut op = op.clone();
    let item = json!({"$ref": format!("#/components/schemas/{}", kind.as_str())});
    if let Some(summary) = op.get("summary").and_then(Value::as_str) {
        op["summary"] = json!(format!("{}: {}", summary.trim_end_matches('.'), kind.plural()));
    }
    let mut params: Vec<Value> = op["parameters"]
        .as_array()
        .map(|ps| ps.iter().filter(|p| p["name"] != "kinds").cloned().collect())
        .unwrap_or_default();
    if is_list && method == "get" {
        params.push(json!({"name": "economy", "in": "query", "schema": {"type": "string"}, "description": "economy or country code"}));
        params
            .push(json!({"name": "q", "in": "query", "schema": {"type": "string"}, "description": "free-text search"}));
        params.extend(
            filter_fields(kind)
                .iter()
                .map(|f| json!({"name": f, "in": "query", "schema": {"type": "string"}})),
        );
    }
    op["parameters"] = json!(params);
    match (method, is_list) {
        ("post", _) => op["requestBody"] = json!({"content": {"application/json": {"schema": item}}}),
        ("patch", _) => {
            op["requestBody"] =
                json!({"content": {"application/json": {"schema": {"type": "object", "required": ["version"]}}}})
        }
        _ => {}
    }
    let body = match (method, is_list) {
        ("get", true) => Some(
            json!({"type": "object", "properties": {"count": {"type": "integer"}, "items": {"type": "array", "items": item}}}),
        ),
        ("get", false) | ("post", _) | ("patch", _) => Some(item),
        _ => None,
    };
    if let (Some(body), Some(responses)) = (body, op["responses"].as_object_mut()) {
        for (code, r) in responses.iter_mut() {
            if code.starts_with('2') {
                r["content"] = json!({"application/json": {"schema": body.clone()}});
            }
        }
    }
    op
}

/// The OpenAPI 3.1 description of this API (see the module's documentation).
pub fn openapi_doc() -> Value {
    let all = crate::routes();
    let (paths, schemas) = all.openapi_parts();
    let generated = serde_json::to_value(paths).unwrap_or_else(|_| json!({}));
    let mut out = Map::new();
    for (path, item) in generated.as_object().into_iter().flatten() {
        let Some(rest) = path.strip_prefix("/api/v1/{kinds}") else {
            out.insert(path.clone(), item.clone());
            continue;
        };
        for kind in Kind::ALL {
            let concrete = format!("/api/v1/{}{rest}", kind.plural());
            let mut ops = Map::new();
            for (method, op) in item.as_object().into_iter().flatten() {
                ops.insert(method.clone(), for_kind(op, method, kind, rest.is_empty()));
            }
            out.insert(concrete, Value::Object(ops));
        }
    }
    let error = json!({"description": "refused: `error.code` says why (unauthenticated, forbidden, not_found, version_conflict, invalid with `problems`, in_use, duplicate, csrf)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}});
    let signed_in = json!([{"bearer": []}, {"session": []}]);
    for (path, item) in out.iter_mut() {
        for (method, op) in item.as_object_mut().into_iter().flat_map(|ops| ops.iter_mut()) {
            let Some(op) = op.as_object_mut() else { continue };
            op.insert("tags".into(), json!([tag_of(path)]));
            // Handler names repeat across features (`create`, `close`): a generated client needs
            // one name per operation, so it is made from the method and the path.
            op.insert("operationId".into(), json!(operation_id(method, path)));
            // `security(())` on a handler marks an open read; every other operation needs a
            // token or a session.
            let open = op.get("security").is_some_and(|s| s == &json!([{}]));
            if open {
                op.remove("security");
            } else {
                op.insert("security".into(), signed_in.clone());
            }
            if let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) {
                responses.insert("4XX".into(), error.clone());
            }
        }
    }
    let mut components = Map::new();
    for (name, schema) in schemas {
        components.insert(name.clone(), serde_json::to_value(schema).unwrap_or_default());
    }
    components.insert(
        "Error".into(),
        json!({"type": "object", "properties": {"error": {"type": "object", "properties": {
            "code": {"type": "string", "enum": ["unauthenticated", "forbidden", "not_found", "version_conflict", "invalid", "in_use", "duplicate", "internal", "csrf"]},
            "message": {"type": "string"},
            "problems": {"type": "array", "items": {"type": "object", "properties": {"file": {"type": "string"}, "line": {"type": ["integer", "null"]}, "field": {"type": ["string", "null"]}, "message": {"type": "string"}}}},
            "current": {"type": "object", "description": "the stored record, on version_conflict"}}}}}),
    );
    components.insert(
        "Provenance".into(),
        json!({"type": "object", "required": ["source", "date", "confidence"], "properties": {
            "source": {"type": "string"}, "date": {"type": "string", "description": "YYYY, YYYY-MM or YYYY-MM-DD"},
            "confidence": {"type": "string", "enum": ["high", "medium", "low"]},
            "looked_in": {"type": "string", "description": "where the evidence was looked for (unknown facts)"}}}),
    );
    for kind in Kind::ALL {
        components.insert(kind.as_str().to_string(), kind_schema(kind));
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "Pathways API", "version": env!("CARGO_PKG_VERSION"), "description": "Labour-migration mapping of the Western Balkans. Reads of the map are open; everything else needs a personal token (`pathways user token EMAIL`) sent as `Authorization: Bearer ...`, or a browser session with its CSRF token."},
        "paths": out,
        "components": {"schemas": components, "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}, "session": {"type": "apiKey", "in": "cookie", "name": "pathways_session"}}}
    })
}
