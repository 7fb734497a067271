//! Every route of the server in one table.
//!
//! Routes are added through [`Routes`], which records each method and path, so tests can
//! enumerate the whole surface (e.g. to check that every route has an authorization rule).

use crate::{AppState, api, csrf, metrics, pages, security};
use axum::Router;
use axum::routing::{MethodRouter, delete, get, post, put};

/// A router that remembers what it serves.
pub struct Routes {
    router: Router<AppState>,
    pub list: Vec<(&'static str, &'static str)>,
}

impl Routes {
    fn add(mut self, method: &'static str, path: &'static str, route: MethodRouter<AppState>) -> Self {
        self.list.push((method, path));
        self.router = self.router.route(path, route);
        self
    }

    fn get<H, T>(self, path: &'static str, h: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        self.add("GET", path, get(h))
    }

    fn post<H, T>(self, path: &'static str, h: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        self.add("POST", path, post(h))
    }

    fn put<H, T>(self, path: &'static str, h: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        self.add("PUT", path, put(h))
    }

    fn delete<H, T>(self, path: &'static str, h: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        self.add("DELETE", path, delete(h))
    }
}

/// Builds the router and returns it with the list of (method, path) it serves.
pub fn build(state: AppState) -> (Router, Vec<(&'static str, &'static str)>) {
    use pages::{
        agendas, area, auth, boards, checks, competence, dashboard, directory as d, effect, exports, home,
        import, initiative, intake, invitations, measurement as m, org, orgchart, person_competence as pc,
        plan, radar, relations as r, respond, results, round, shared_link, task, team_competence as tc,
        workload,
    };
    let routes = Routes {
        router: Router::new(),
        list: Vec::new(),
    }
    .get("/", home::index)
    .get("/healthz", home::healthz)
    .get("/metrics", metrics::render)
    .get("/static/app.css", home::stylesheet)
    .get("/static/htmx.min.js", home::htmx)
    .get("/static/sortable.min.js", home::sortable)
    .get("/static/board.js", home::board_js)
    .get("/lang/{code}", home::set_language)
    .get("/r/{token}", respond::show)
    .post("/r/{token}", respond::save)
    .post("/r/{token}/submit", respond::submit)
    .post("/r/{token}/group", respond::choose_group)
    .get("/g/{slug}", shared_link::shared)
    .post("/g/{slug}", shared_link::join)
    .get("/f/{slug}", intake::show)
    .post("/f/{slug}", intake::submit)
    .get("/login", auth::login_page)
    .post("/login", auth::login)
    .post("/logout", auth::logout)
    .get("/account", auth::account_page)
    .post("/account/password", auth::change_password)
    .get("/orgs/{org}", org::overview)
    .get("/orgs/{org}/settings", org::settings_page)
    .post("/orgs/{org}/settings", org::save_settings)
    .get("/orgs/{org}/units", d::units::list)
    .get("/orgs/{org}/units/new", d::units::new)
    .post("/orgs/{org}/units", d::units::create)
    .get("/orgs/{org}/units/{id}", d::units::edit)
    .post("/orgs/{org}/units/{id}", d::units::update)
    .get("/orgs/{org}/units/{id}/chart", orgchart::page)
    .get("/orgs/{org}/units/{id}/competence", tc::unit)
    .get("/orgs/{org}/units/{id}/delete", d::units::confirm)
    .post("/orgs/{org}/units/{id}/delete", d::units::delete)
    .get("/orgs/{org}/people", d::people::list)
    .get("/orgs/{org}/people/new", d::people::new)
    .post("/orgs/{org}/people", d::people::create)
    .get("/orgs/{org}/people/{id}", d::people::edit)
    .post("/orgs/{org}/people/{id}", d::people::update)
    .get("/orgs/{org}/people/{id}/delete", d::people::confirm)
    .post("/orgs/{org}/people/{id}/delete", d::people::delete)
    .get("/orgs/{org}/people/{id}/competence", pc::show)
    .post("/orgs/{org}/people/{id}/competence/assessments", pc::assess)
    .post("/orgs/{org}/people/{id}/competence/role", pc::set_role)
    .post("/orgs/{org}/people/{id}/competence/consent", pc::consent)
    .post("/orgs/{org}/people/{id}/competence/placement", pc::place)
    .post("/orgs/{org}/people/{id}/competence/actions", pc::add_action)
    .post(
        "/orgs/{org}/people/{id}/competence/actions/{action}/status",
        pc::action_status,
    )
    .get("/orgs/{org}/groups", d::groups::list)
    .get("/orgs/{org}/groups/new", d::groups::new)
    .post("/orgs/{org}/groups", d::groups::create)
    .get("/orgs/{org}/groups/{id}", d::groups::edit)
    .post("/orgs/{org}/groups/{id}", d::groups::update)
    .get("/orgs/{org}/groups/{id}/delete", d::groups::confirm)
    .post("/orgs/{org}/groups/{id}/delete", d::groups::delete)
    .post("/orgs/{org}/groups/{id}/members", d::groups::add_member)
    .post(
        "/orgs/{org}/groups/{id}/members/{person}/remove",
        d::groups::remove_member,
    )
    .get("/orgs/{org}/teams", d::teams::list)
    .get("/orgs/{org}/teams/new", d::teams::new)
    .post("/orgs/{org}/teams", d::teams::create)
    .get("/orgs/{org}/teams/{id}", d::teams::edit)
    .post("/orgs/{org}/teams/{id}", d::teams::update)
    .get("/orgs/{org}/teams/{id}/delete", d::teams::confirm)
    .post("/orgs/{org}/teams/{id}/delete", d::teams::delete)
    .get("/orgs/{org}/teams/{id}/competence", tc::team)
    .get("/orgs/{org}/checks", checks::page)
    .get("/orgs/{org}/frameworks", competence::list)
    .post("/orgs/{org}/frameworks", competence::upload)
    .get("/orgs/{org}/frameworks/{id}", competence::show)
    .get(
        "/orgs/{org}/frameworks/{id}/framework.toml",
        competence::download_toml,
    )
    .get(
        "/orgs/{org}/frameworks/{id}/moodle.csv",
        competence::download_moodle,
    )
    .post(
        "/orgs/{org}/frameworks/{id}/roles/{role}/placement",
        competence::place_role,
    )
    .get("/orgs/{org}/plan", plan::show)
    .post("/orgs/{org}/goals", plan::add_goal)
    .post("/orgs/{org}/programme", plan::start_programme)
    .post("/orgs/{org}/initiatives", plan::add_initiative)
    .get("/orgs/{org}/initiatives/{id}", initiative::show)
    .post("/orgs/{org}/initiatives/{id}", initiative::update)
    .post("/orgs/{org}/initiatives/{id}/costs", initiative::add_cost)
    .post("/orgs/{org}/rounds/{id}/initiatives", plan::from_gap)
    .get("/orgs/{org}/workload", workload::show)
    .get("/orgs/{org}/effect", effect::show)
    .get("/orgs/{org}/dashboard", dashboard::show)
    .get("/orgs/{org}/agendas", agendas::list)
    .post("/orgs/{org}/agendas", agendas::create)
    .get("/orgs/{org}/agendas/{id}", agendas::show)
    .post("/orgs/{org}/agendas/{id}/points", agendas::add_point)
    .get("/orgs/{org}/boards", boards::list)
    .post("/orgs/{org}/boards", boards::create)
    .get("/orgs/{org}/boards/{id}", boards::show)
    .post("/orgs/{org}/boards/{id}/tasks", boards::add_task)
    .post("/orgs/{org}/boards/{id}/columns", boards::add_column)
    .post("/orgs/{org}/boards/{id}/columns/{column}", boards::update_column)
    .get("/orgs/{org}/tasks/{id}", task::show)
    .post("/orgs/{org}/tasks/{id}", task::update)
    .post("/orgs/{org}/tasks/{id}/move", boards::move_task)
    .post("/orgs/{org}/tasks/{id}/checklist", task::add_item)
    .post("/orgs/{org}/tasks/{id}/checklist/{item}", task::toggle_item)
    .post("/orgs/{org}/tasks/{id}/comments", task::comment)
    .get("/orgs/{org}/intake", intake::list)
    .post("/orgs/{org}/intake", intake::create)
    .get("/orgs/{org}/intake/{id}", intake::edit)
    .post("/orgs/{org}/intake/{id}", intake::update)
    .get("/orgs/{org}/radar", radar::show)
    .post("/orgs/{org}/radar", radar::save_blip)
    .post("/orgs/{org}/radar/{id}/delete", radar::delete_blip)
    .post("/orgs/{org}/signals", radar::add_signal)
    .get("/orgs/{org}/relationships", r::list)
    .get("/orgs/{org}/relationships/new", r::new)
    .post("/orgs/{org}/relationships", r::create)
    .get("/orgs/{org}/relationships/{id}", r::edit)
    .post("/orgs/{org}/relationships/{id}", r::update)
    .get("/orgs/{org}/relationships/{id}/delete", r::confirm)
    .post("/orgs/{org}/relationships/{id}/delete", r::delete)
    .get("/orgs/{org}/models", m::models)
    .post("/orgs/{org}/models", m::upload_model)
    .get("/orgs/{org}/rounds", m::rounds)
    .get("/orgs/{org}/rounds/new", m::new_round)
    .post("/orgs/{org}/rounds", m::create_round)
    .get("/orgs/{org}/rounds/{id}", round::round)
    .post("/orgs/{org}/rounds/{id}/state", round::set_state)
    .post("/orgs/{org}/rounds/{id}/invitations", invitations::invite)
    .post("/orgs/{org}/rounds/{id}/reminders", invitations::remind)
    .post("/orgs/{org}/rounds/{id}/sheet", invitations::sheet)
    .post(
        "/orgs/{org}/rounds/{id}/answering-group",
        round::set_answering_group,
    )
    .get("/orgs/{org}/rounds/{id}/results", results::results)
    .get("/orgs/{org}/rounds/{id}/results/{area}", area::area)
    .post(
        "/orgs/{org}/rounds/{id}/results/{area}/targets",
        area::set_targets,
    )
    .get("/orgs/{org}/rounds/{id}/compare", results::compare)
    .get("/orgs/{org}/rounds/{id}/results.csv", exports::results_csv)
    .get("/orgs/{org}/rounds/{id}/results.xlsx", exports::results_xlsx)
    .get("/orgs/{org}/rounds/{id}/answers.csv", exports::answers_csv)
    .get("/orgs/{org}/import", import::page)
    .post("/orgs/{org}/import", import::upload)
    .get("/api/v1/openapi.json", api::openapi::document)
    .get("/api/v1/me", api::me)
    .get("/api/v1/orgs/{org}", api::orgs::get)
    .put("/api/v1/orgs/{org}", api::orgs::update)
    .get("/api/v1/orgs/{org}/units", api::units::list)
    .post("/api/v1/orgs/{org}/units", api::units::create)
    .get("/api/v1/orgs/{org}/units/{id}", api::units::get)
    .put("/api/v1/orgs/{org}/units/{id}", api::units::update)
    .delete("/api/v1/orgs/{org}/units/{id}", api::units::delete)
    .get("/api/v1/orgs/{org}/people", api::people::list)
    .post("/api/v1/orgs/{org}/people", api::people::create)
    .get("/api/v1/orgs/{org}/people/{id}", api::people::get)
    .put("/api/v1/orgs/{org}/people/{id}", api::people::update)
    .delete("/api/v1/orgs/{org}/people/{id}", api::people::delete)
    .get("/api/v1/orgs/{org}/groups", api::groups::list)
    .post("/api/v1/orgs/{org}/groups", api::groups::create)
    .get("/api/v1/orgs/{org}/groups/{id}", api::groups::get)
    .put("/api/v1/orgs/{org}/groups/{id}", api::groups::update)
    .delete("/api/v1/orgs/{org}/groups/{id}", api::groups::delete)
    .put(
        "/api/v1/orgs/{org}/groups/{id}/members/{person}",
        api::groups::add_member,
    )
    .delete(
        "/api/v1/orgs/{org}/groups/{id}/members/{person}",
        api::groups::remove_member,
    )
    .get("/api/v1/orgs/{org}/teams", api::teams::list)
    .post("/api/v1/orgs/{org}/teams", api::teams::create)
    .get("/api/v1/orgs/{org}/teams/{id}", api::teams::get)
    .put("/api/v1/orgs/{org}/teams/{id}", api::teams::update)
    .delete("/api/v1/orgs/{org}/teams/{id}", api::teams::delete)
    .get("/api/v1/orgs/{org}/checks", api::relationships::checks)
    .get("/api/v1/orgs/{org}/frameworks", api::competence::list)
    .post("/api/v1/orgs/{org}/frameworks", api::competence::upload)
    .post("/api/v1/orgs/{org}/frameworks/import", api::competence::import)
    .get("/api/v1/orgs/{org}/frameworks/{id}", api::competence::get)
    .put(
        "/api/v1/orgs/{org}/frameworks/{id}/roles/{role}/placement",
        api::competence::place_role,
    )
    .get(
        "/api/v1/orgs/{org}/people/{id}/competence",
        api::person_competence::record,
    )
    .post(
        "/api/v1/orgs/{org}/people/{id}/assessments",
        api::person_competence::assess,
    )
    .put(
        "/api/v1/orgs/{org}/people/{id}/competence/role",
        api::person_competence::set_role,
    )
    .put(
        "/api/v1/orgs/{org}/people/{id}/competence/consent",
        api::person_competence::consent,
    )
    .post(
        "/api/v1/orgs/{org}/people/{id}/placements",
        api::person_competence::place,
    )
    .post(
        "/api/v1/orgs/{org}/people/{id}/actions",
        api::person_competence::add_action,
    )
    .put(
        "/api/v1/orgs/{org}/people/{id}/actions/{action}",
        api::person_competence::action_status,
    )
    .get(
        "/api/v1/orgs/{org}/units/{id}/competence",
        api::person_competence::unit_matrix,
    )
    .get(
        "/api/v1/orgs/{org}/teams/{id}/competence",
        api::person_competence::team_matrix,
    )
    .get("/api/v1/orgs/{org}/boards", api::plan::boards)
    .post("/api/v1/orgs/{org}/boards", api::plan::create_board)
    .get("/api/v1/orgs/{org}/boards/{id}", api::plan::board)
    .post("/api/v1/orgs/{org}/boards/{id}/tasks", api::plan::create_task)
    .get("/api/v1/orgs/{org}/tasks/{id}", api::plan::task)
    .put("/api/v1/orgs/{org}/tasks/{id}", api::plan::update_task)
    .post("/api/v1/orgs/{org}/tasks/{id}/move", api::plan::move_task)
    .get("/api/v1/orgs/{org}/workload", api::plan::workload)
    .get("/api/v1/orgs/{org}/effect", api::plan::effect)
    .get("/api/v1/orgs/{org}/dashboard", api::plan::dashboard)
    .get("/api/v1/orgs/{org}/goals", api::plan::goals)
    .get("/api/v1/orgs/{org}/initiatives", api::initiatives::list)
    .post("/api/v1/orgs/{org}/initiatives", api::initiatives::create)
    .get("/api/v1/orgs/{org}/initiatives/{id}", api::initiatives::get)
    .put("/api/v1/orgs/{org}/initiatives/{id}", api::initiatives::update)
    .get(
        "/api/v1/orgs/{org}/initiatives/{id}/dashboard",
        api::initiatives::dashboard,
    )
    .post(
        "/api/v1/orgs/{org}/rounds/{id}/initiatives",
        api::initiatives::from_gap,
    )
    .get("/api/v1/orgs/{org}/intake-forms", api::plan::forms)
    .post("/api/v1/orgs/{org}/intake-forms", api::plan::create_form)
    .get("/api/v1/orgs/{org}/radar", api::scanning::radar)
    .post("/api/v1/orgs/{org}/radar/blips", api::scanning::save_blip)
    .delete("/api/v1/orgs/{org}/radar/blips/{id}", api::scanning::delete_blip)
    .post("/api/v1/orgs/{org}/radar/signals", api::scanning::add_signal)
    .get("/api/v1/orgs/{org}/units/{id}/chart", api::relationships::chart)
    .get("/api/v1/orgs/{org}/relationships", api::relationships::list)
    .post("/api/v1/orgs/{org}/relationships", api::relationships::create)
    .get("/api/v1/orgs/{org}/relationships/{id}", api::relationships::get)
    .put(
        "/api/v1/orgs/{org}/relationships/{id}",
        api::relationships::update,
    )
    .delete(
        "/api/v1/orgs/{org}/relationships/{id}",
        api::relationships::delete,
    )
    .get("/api/v1/orgs/{org}/models", api::measurement::models)
    .post("/api/v1/orgs/{org}/models", api::measurement::upload_model)
    .get("/api/v1/orgs/{org}/rounds", api::measurement::rounds)
    .post("/api/v1/orgs/{org}/rounds", api::measurement::create_round)
    .get("/api/v1/orgs/{org}/rounds/{id}", api::measurement::round)
    .put(
        "/api/v1/orgs/{org}/rounds/{id}/state",
        api::measurement::set_state,
    )
    .post("/api/v1/orgs/{org}/rounds/{id}/invitations", api::results::invite)
    .post("/api/v1/orgs/{org}/rounds/{id}/reminders", api::results::remind)
    .get("/api/v1/orgs/{org}/rounds/{id}/status", api::results::status)
    .get("/api/v1/orgs/{org}/rounds/{id}/results", api::results::results)
    .get(
        "/api/v1/orgs/{org}/rounds/{id}/results/{area}",
        api::results::area,
    )
    .put(
        "/api/v1/orgs/{org}/rounds/{id}/results/{area}/targets",
        api::results::set_targets,
    )
    .get("/api/v1/orgs/{org}/rounds/{id}/compare", api::results::compare)
    .post("/api/v1/orgs/{org}/import", api::import);
    let list = routes.list;
    let router = routes
        .router
        .fallback(pages::home::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), csrf::protect))
        .layer(axum::middleware::from_fn(security::headers))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(10 * 1024 * 1024))
        .with_state(state);
    (router, list)
}
