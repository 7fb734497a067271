//! The OpenAPI description of `/api/v1`, generated from the handlers' annotations.

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Mognad API",
        description = "Digital maturity, competence and transformation planning."
    ),
    paths(
        crate::platform::api::account::me,
        crate::org::api::import::import,
        crate::org::api::organisation::get,
        crate::org::api::organisation::update,
        crate::org::api::units::list,
        crate::org::api::units::get,
        crate::org::api::units::create,
        crate::org::api::units::update,
        crate::org::api::units::delete,
        crate::org::api::people::list,
        crate::org::api::people::get,
        crate::org::api::people::create,
        crate::org::api::people::update,
        crate::org::api::people::delete,
        crate::org::api::groups::list,
        crate::org::api::groups::get,
        crate::org::api::groups::create,
        crate::org::api::groups::update,
        crate::org::api::groups::delete,
        crate::org::api::groups::add_member,
        crate::org::api::groups::remove_member,
        crate::org::api::teams::list,
        crate::org::api::teams::get,
        crate::org::api::teams::create,
        crate::org::api::teams::update,
        crate::org::api::teams::delete,
        crate::org::api::relationships::list,
        crate::org::api::relationships::get,
        crate::org::api::relationships::create,
        crate::org::api::relationships::update,
        crate::org::api::relationships::delete,
        crate::measurement::api::rounds::models,
        crate::measurement::api::rounds::upload_model,
        crate::measurement::api::rounds::rounds,
        crate::measurement::api::rounds::create_round,
        crate::measurement::api::rounds::round,
        crate::measurement::api::rounds::set_state,
        crate::org::api::relationships::checks,
        crate::competence::api::frameworks::list,
        crate::competence::api::frameworks::get,
        crate::competence::api::frameworks::upload,
        crate::competence::api::frameworks::import,
        crate::competence::api::frameworks::place_role,
        crate::competence::api::frameworks::move_version,
        crate::competence::api::frameworks::gaps,
        crate::competence::api::reviews::list,
        crate::competence::api::reviews::start,
        crate::competence::api::reviews::get,
        crate::competence::api::person::record,
        crate::competence::api::person::assess,
        crate::competence::api::person::set_role,
        crate::competence::api::person::consent,
        crate::competence::api::person::place,
        crate::competence::api::person::add_action,
        crate::competence::api::person::action_status,
        crate::competence::api::team_map::unit_matrix,
        crate::competence::api::team_map::team_matrix,
        crate::competence::api::scanning::radar,
        crate::competence::api::scanning::save_blip,
        crate::competence::api::scanning::delete_blip,
        crate::competence::api::scanning::add_signal,
        crate::plan::api::plan::boards,
        crate::plan::api::plan::create_board,
        crate::plan::api::plan::board,
        crate::plan::api::plan::create_task,
        crate::plan::api::plan::task,
        crate::plan::api::plan::update_task,
        crate::plan::api::plan::move_task,
        crate::plan::api::plan::workload,
        crate::plan::api::plan::effect,
        crate::plan::api::plan::dashboard,
        crate::plan::api::plan::goals,
        crate::plan::api::search::search,
        crate::plan::api::budget_cut::show,
        crate::plan::api::budget_cut::apply,
        crate::plan::api::time::log,
        crate::plan::api::time::card,
        crate::plan::api::time::sheet,
        crate::plan::api::archive::list,
        crate::plan::api::archive::archive,
        crate::plan::api::archive::restore,
        crate::plan::api::archive::undo,
        crate::plan::api::archive::bulk,
        crate::plan::api::initiatives::list,
        crate::plan::api::initiatives::create,
        crate::plan::api::initiatives::get,
        crate::plan::api::initiatives::update,
        crate::plan::api::initiatives::dashboard,
        crate::plan::api::initiatives::from_gap,
        crate::plan::api::plan::forms,
        crate::plan::api::plan::create_form,
        crate::org::api::relationships::chart,
        crate::org::api::relationships::whole_chart,
        crate::measurement::api::results::invite,
        crate::measurement::api::results::remind,
        crate::measurement::api::results::status,
        crate::measurement::api::results::results,
        crate::measurement::api::results::area,
        crate::measurement::api::results::set_targets,
        crate::measurement::api::results::compare,
        crate::org::api::privacy::data,
        crate::org::api::privacy::erase,
        crate::org::api::privacy::retention,
        crate::org::api::privacy::set_retention,
        crate::platform::api::notices::list,
        crate::platform::api::notices::mark_read,
        crate::platform::api::accounts::members,
        crate::platform::api::accounts::change_member,
        crate::platform::api::accounts::invite,
        crate::platform::api::accounts::withdraw,
        crate::platform::api::accounts::tokens,
        crate::platform::api::accounts::create_token,
        crate::platform::api::accounts::revoke_token,
        crate::platform::api::accounts::audit,
        crate::platform::api::sso::sso,
        crate::platform::api::sso::save_sso,
    ),
    components(schemas(crate::error::Problem, mognad_app::Invalid, mognad_app::org::import::RowError)),
    modifiers(&Conventions)
)]
pub struct ApiDoc;

/// What every operation has in common, applied once instead of in each annotation: problem
/// documents are `application/problem+json`; 400 (a body or query that cannot be read), 422 (a
/// rule of the data broken), 401 and 403 (not signed in; not allowed), 404
/// (for paths with an id), 413 (a body over the limit, for operations that take one) and 429
/// are documented everywhere; a parameter named `Path` that is not in the path is a query
/// parameter; both ways of signing in (session cookie, bearer token) are declared.
struct Conventions;

impl utoipa::Modify for Conventions {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::ParameterIn;
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
        };
        use utoipa::openapi::{RefOr, Response};
        // Two ways in: a browser session (its writes also need the X-CSRF-Token header that
        // matches the mognad_csrf cookie), or an API token as a bearer token (no CSRF).
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::session::SESSION_COOKIE,
                "A browser session from signing in; writes also send X-CSRF-Token",
            ))),
        );
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An API token made by an owner or admin (starts with mognad_)",
                    ))
                    .build(),
            ),
        );
        doc.security = Some(vec![
            SecurityRequirement::new("session", Vec::<String>::new()),
            SecurityRequirement::new("token", Vec::<String>::new()),
        ]);
        let problem = || {
            utoipa::openapi::content::ContentBuilder::new()
                .schema(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                    "Problem",
                ))))
                .build()
        };
        for (path, item) in doc.paths.paths.iter_mut() {
            let ops = [
                (&mut item.get, false),
                (&mut item.put, true),
                (&mut item.post, true),
                (&mut item.delete, false),
                (&mut item.patch, true),
            ];
            for (op, takes_body) in ops {
                let Some(op) = op else { continue };
                for p in op.parameters.iter_mut().flatten() {
                    if p.parameter_in == ParameterIn::Path && !path.contains(&format!("{{{}}}", p.name)) {
                        p.parameter_in = ParameterIn::Query;
                        // Required unless its type admits null (an `Option` in the handler).
                        let nullable = serde_json::to_value(&p.schema)
                            .ok()
                            .and_then(|s| s.get("type").cloned())
                            .is_some_and(|t| t.as_array().is_some_and(|a| a.iter().any(|x| x == "null")));
                        p.required = if nullable {
                            utoipa::openapi::Required::False
                        } else {
                            utoipa::openapi::Required::True
                        };
                    }
                }
                for (status, r) in op.responses.responses.iter_mut() {
                    let RefOr::T(r) = r else { continue };
                    let refusal = status.starts_with('4') || status.starts_with('5');
                    if let Some(c) = r.content.shift_remove("application/json") {
                        let is_problem =
                            matches!(&c.schema, Some(RefOr::Ref(x)) if x.ref_location.ends_with("/Problem"));
                        let key = if is_problem {
                            "application/problem+json"
                        } else {
                            "application/json"
                        };
                        r.content.insert(key.into(), c);
                    }
                    // A refusal with a body of its own (the import's report of rejected rows)
                    // can still be refused as a whole, with a problem document.
                    if refusal && !r.content.contains_key("application/problem+json") {
                        r.content.insert("application/problem+json".into(), problem());
                    }
                }
                let mut add = |status: &str, description: &str| {
                    op.responses.responses.entry(status.into()).or_insert_with(|| {
                        let mut r = Response::new(description);
                        r.content.insert("application/problem+json".into(), problem());
                        RefOr::T(r)
                    });
                };
                add("400", "The request could not be read");
                add(
                    "422",
                    "The request breaks a rule of the data (the errors say which field)",
                );
                add("429", "Too many attempts; try again later");
                add("401", "Not signed in: no session, or no valid API token");
                add(
                    "403",
                    "Not allowed: the role is too low, a token may not do this, or a write with a session lacks the CSRF token",
                );
                if path.contains('{') {
                    add("404", "No such record in this organisation");
                }
                if takes_body {
                    add("413", "The body is over the limit (10 MB)");
                }
            }
        }
    }
}

#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta", responses((status = 200, description = "This document")))]
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
