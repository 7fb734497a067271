//! Bodies the authorization matrix sends: ones every handler can read, so that a caller turned
//! away is turned away by the role check, not by a 400 for a body that could not be read.
//!
//! JSON bodies are made from the operation's schema in the OpenAPI document (every property,
//! with ids from the seeded organisation where a property names one); forms get one body with
//! every field any form has (a form ignores fields it does not know); uploads get a small file.

use serde_json::{Map, Value, json};

/// Ids a body may refer to, by what the field's name says.
pub struct Refs {
    pub person: String,
    pub unit: String,
    pub group: String,
    pub model: String,
    pub framework: String,
}

fn id_for(name: &str, refs: &Refs) -> Option<String> {
    let n = name.to_ascii_lowercase();
    Some(
        if n.contains("person") || n == "from_id" || n == "to_id" || n.contains("assignee") {
            refs.person.clone()
        } else if n.contains("unit") {
            refs.unit.clone()
        } else if n.contains("group") {
            refs.group.clone()
        } else if n.contains("model") {
            refs.model.clone()
        } else if n.contains("framework") {
            refs.framework.clone()
        } else if n == "area_id" {
            refs.group.clone()
        } else {
            return None;
        },
    )
}

/// An instance of `schema` (resolved in `doc`), named `name` in its parent.
fn example(doc: &Value, schema: &Value, name: &str, refs: &Refs) -> Value {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let target = r.rsplit('/').next().unwrap_or("");
        return example(doc, &doc["components"]["schemas"][target], name, refs);
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(list) = schema.get(key).and_then(Value::as_array)
            && let Some(s) = list.iter().find(|s| s.get("type") != Some(&json!("null")))
        {
            return example(doc, s, name, refs);
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array)
        && let Some(v) = values.iter().find(|v| !v.is_null())
    {
        // A role, state or kind: the least of them keeps the caller's own role out of it.
        return values
            .iter()
            .find(|v| *v == "member")
            .cloned()
            .unwrap_or_else(|| v.clone());
    }
    let ty = match schema.get("type") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or("null")
            .to_owned(),
        _ if schema.get("properties").is_some() => "object".into(),
        _ => "string".into(),
    };
    match ty.as_str() {
        "object" => {
            let mut m = Map::new();
            if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                for (k, s) in props {
                    m.insert(k.clone(), example(doc, s, k, refs));
                }
            }
            Value::Object(m)
        }
        "array" => json!([]),
        "integer" => json!(if name.contains("threshold") { 5 } else { 1 }),
        "number" => json!(1.0),
        "boolean" => json!(false),
        "string" => match schema.get("format").and_then(Value::as_str) {
            Some("uuid") => json!(id_for(name, refs).unwrap_or_else(|| uuid::Uuid::nil().to_string())),
            Some("date") => json!("2026-01-01"),
            Some("date-time") => json!("2026-01-01T00:00:00Z"),
            _ => match name {
                n if n.ends_with("_id") => json!(id_for(n, refs).unwrap_or_default()),
                "email" | "owner_email" => json!("ny@norrvik.se"),
                "language" => json!("sv"),
                "valid_from" | "valid_to" | "due" | "meets_on" => json!("2026-01-01"),
                "issuer" => json!("https://idp.example"),
                // A role of the shipped framework, an engine of the shipped model.
                "role" => json!("it-strateg"),
                "engine" => json!("varderingar"),
                "email_domains" => json!("norrvik.se"),
                _ => json!("Ny post"),
            },
        },
        _ => Value::Null,
    }
}

/// The JSON body for an operation of the API, from its request schema; `{}` when it has none.
pub fn json_body(doc: &Value, method: &str, pattern: &str, refs: &Refs) -> String {
    let op = &doc["paths"][pattern][method.to_ascii_lowercase()];
    let content = &op["requestBody"]["content"];
    match content.get("application/json").and_then(|c| c.get("schema")) {
        Some(schema) => example(doc, schema, "", refs).to_string(),
        None => "{}".into(),
    }
}

/// One form body with every field a form of Mognad has.
pub fn form_body(refs: &Refs, csrf: &str) -> String {
    let fields: &[(&str, String)] = &[
        ("name", "Ny post".into()),
        ("title", "Ny post".into()),
        ("kind", "supervision".into()),
        ("language", "sv".into()),
        ("anonymity_threshold", "5".into()),
        ("state", "open".into()),
        ("role", "member".into()),
        ("active", "true".into()),
        ("required", "false".into()),
        ("email", "ny@norrvik.se".into()),
        ("owner_email", "ny@norrvik.se".into()),
        ("days", "30".into()),
        ("issuer", "https://idp.example".into()),
        ("client_id", "mognad".into()),
        ("email_domains", "norrvik.se".into()),
        ("from_id", refs.person.clone()),
        ("to_id", refs.person.clone()),
        ("person_id", refs.person.clone()),
        ("group_id", refs.group.clone()),
        ("unit_id", refs.unit.clone()),
        ("valid_from", "2026-01-01".into()),
        ("links_days", "30".into()),
        ("drafts_days", "30".into()),
        ("contacts_days", "30".into()),
    ];
    let mut body: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", super::enc(v)))
        .collect();
    body.push(format!("_csrf={csrf}"));
    body.join("&")
}

/// A multipart body with one small file, for the upload forms.
pub fn upload_body(boundary: &str) -> String {
    format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"fil.csv\"\r\n\
         Content-Type: text/csv\r\n\r\nnamn\r\nNy\r\n--{boundary}--\r\n"
    )
}
