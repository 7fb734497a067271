//! The API description: pinned by a snapshot, and complete (every API route is documented).

use utoipa::OpenApi;

#[test]
fn openapi_document_snapshot() {
    let doc = serde_json::to_value(mognad_web::openapi::ApiDoc::openapi()).unwrap();
    insta::assert_json_snapshot!("openapi", doc);
}

#[tokio::test]
async fn every_api_route_is_documented_and_served() {
    let db = mognad_store::testdb::TestDb::sqlite().await.unwrap();
    let state = mognad_web::AppState::new(mognad_app::App::new(db.db.clone()), Default::default());
    let (_, routes) = mognad_web::routes::build(state);
    let doc = mognad_web::openapi::ApiDoc::openapi();
    let mut undocumented = Vec::new();
    for (method, path) in routes
        .iter()
        .filter(|(_, p)| p.starts_with("/api/") && *p != "/api/v1/openapi.json")
    {
        let item = doc.paths.paths.get(*path);
        let has = item.is_some_and(|i| match *method {
            "GET" => i.get.is_some(),
            "POST" => i.post.is_some(),
            "PUT" => i.put.is_some(),
            "DELETE" => i.delete.is_some(),
            _ => false,
        });
        if !has {
            undocumented.push(format!("{method} {path}"));
        }
    }
    assert!(
        undocumented.is_empty(),
        "undocumented API routes: {undocumented:?}"
    );
    // And the other way round: a documented operation the router does not serve is a promise
    // broken (and a route that was meant to be added but was not).
    let mut unserved = Vec::new();
    for (path, item) in &doc.paths.paths {
        for (method, present) in [
            ("GET", item.get.is_some()),
            ("POST", item.post.is_some()),
            ("PUT", item.put.is_some()),
            ("DELETE", item.delete.is_some()),
        ] {
            if present && !routes.iter().any(|(m, p)| *m == method && p == path) {
                unserved.push(format!("{method} {path}"));
            }
        }
    }
    assert!(unserved.is_empty(), "documented but not served: {unserved:?}");
}
