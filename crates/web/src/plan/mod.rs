//! Plan and execution: its pages and its JSON API, and the routes that serve them.

pub mod api;
pub mod pages;

use crate::routes::Routes;

/// The archive, restore and delete routes of one kind of item: `[archive, restore, delete]`.
fn archivable(r: Routes, [archive, restore, delete]: [&'static str; 3]) -> Routes {
    r.post(archive, pages::archive::archive)
        .post(restore, pages::archive::restore)
        .get(delete, pages::archive::confirm)
        .post(delete, pages::archive::delete)
}

/// Adds this feature's routes.
pub(crate) fn routes(r: Routes) -> Routes {
    let r = [
        [
            "/orgs/{org}/tasks/{id}/archive",
            "/orgs/{org}/tasks/{id}/restore",
            "/orgs/{org}/tasks/{id}/delete",
        ],
        [
            "/orgs/{org}/boards/{id}/archive",
            "/orgs/{org}/boards/{id}/restore",
            "/orgs/{org}/boards/{id}/delete",
        ],
        [
            "/orgs/{org}/goals/{id}/archive",
            "/orgs/{org}/goals/{id}/restore",
            "/orgs/{org}/goals/{id}/delete",
        ],
        [
            "/orgs/{org}/initiatives/{id}/archive",
            "/orgs/{org}/initiatives/{id}/restore",
            "/orgs/{org}/initiatives/{id}/delete",
        ],
        [
            "/orgs/{org}/intake/{id}/archive",
            "/orgs/{org}/intake/{id}/restore",
            "/orgs/{org}/intake/{id}/delete",
        ],
        [
            "/orgs/{org}/agendas/{id}/archive",
            "/orgs/{org}/agendas/{id}/restore",
            "/orgs/{org}/agendas/{id}/delete",
        ],
    ]
    .into_iter()
    .fold(r, archivable);
    r.get("/orgs/{org}/archive", pages::archive::list)
        .get("/orgs/{org}/search", pages::search::show)
        .get("/api/v1/orgs/{org}/search", api::search::search)
        .post("/orgs/{org}/tasks/{id}/undo", pages::archive::undo_move)
        .post("/orgs/{org}/boards/{id}/name", pages::boards::rename)
        .post("/orgs/{org}/boards/{id}/bulk", pages::bulk::apply)
        .get("/api/v1/orgs/{org}/archive", api::archive::list)
        .post("/api/v1/orgs/{org}/archive", api::archive::archive)
        .post("/api/v1/orgs/{org}/restore", api::archive::restore)
        .post("/api/v1/orgs/{org}/tasks/{id}/undo", api::archive::undo)
        .post("/api/v1/orgs/{org}/boards/{id}/bulk", api::archive::bulk)
        .get("/f/{slug}", pages::intake::show)
        .post("/f/{slug}", pages::intake::submit)
        .get("/f/{slug}/receipt", pages::receipt::show)
        .post("/f/{slug}/receipt", pages::receipt::look_up)
        .get("/orgs/{org}/plan", pages::plan::show)
        .post("/orgs/{org}/tasks/{id}/time", pages::time::log)
        .post("/orgs/{org}/time/{id}/remove", pages::time::remove)
        .get("/orgs/{org}/timesheet", pages::time::show)
        .get("/orgs/{org}/calendar", pages::calendar::show)
        .post("/orgs/{org}/calendar/me", pages::calendar::renew_mine)
        .post("/orgs/{org}/calendar/me/stop", pages::calendar::stop_mine)
        .post("/orgs/{org}/calendar/boards/{id}", pages::calendar::renew_board)
        .post(
            "/orgs/{org}/calendar/boards/{id}/stop",
            pages::calendar::stop_board,
        )
        .get("/ics/{token}", pages::calendar::feed)
        .get("/api/v1/orgs/{org}/timesheet", api::time::sheet)
        .post("/api/v1/orgs/{org}/tasks/{id}/time", api::time::log)
        .get("/api/v1/orgs/{org}/tasks/{id}/time", api::time::card)
        .get("/orgs/{org}/timesheet.csv", pages::time::csv)
        .get("/orgs/{org}/timesheet.xlsx", pages::time::xlsx)
        .get("/orgs/{org}/plan/budget-cut", pages::budget_cut::show)
        .post("/orgs/{org}/plan/budget-cut", pages::budget_cut::apply)
        .get("/api/v1/orgs/{org}/budget-cut", api::budget_cut::show)
        .post("/api/v1/orgs/{org}/budget-cut", api::budget_cut::apply)
        .post("/orgs/{org}/goals", pages::plan::add_goal)
        .post("/orgs/{org}/programme", pages::plan::start_programme)
        .post("/orgs/{org}/initiatives", pages::plan::add_initiative)
        .get("/orgs/{org}/initiatives/{id}", pages::initiative::show)
        .post("/orgs/{org}/initiatives/{id}", pages::initiative_forms::update)
        .post(
            "/orgs/{org}/initiatives/{id}/costs",
            pages::initiative_forms::add_cost,
        )
        .post("/orgs/{org}/rounds/{id}/initiatives", pages::plan::from_gap)
        .get("/orgs/{org}/workload", pages::workload::show)
        .get("/orgs/{org}/effect", pages::effect::show)
        .get("/orgs/{org}/dashboard", pages::dashboard::show)
        .get("/orgs/{org}/agendas", pages::agendas::list)
        .post("/orgs/{org}/agendas", pages::agendas::create)
        .get("/orgs/{org}/agendas/{id}", pages::agendas::show)
        .post("/orgs/{org}/agendas/{id}/points", pages::agendas::add_point)
        .get("/orgs/{org}/boards", pages::boards::list)
        .post("/orgs/{org}/boards", pages::boards::create)
        .get("/orgs/{org}/boards/{id}", pages::boards::show)
        .post("/orgs/{org}/boards/{id}/tasks", pages::boards::add_task)
        .post("/orgs/{org}/boards/{id}/columns", pages::boards::add_column)
        .post(
            "/orgs/{org}/boards/{id}/columns/{column}",
            pages::boards::update_column,
        )
        .get("/orgs/{org}/tasks/{id}", pages::task::show)
        .post("/orgs/{org}/tasks/{id}", pages::task::update)
        .post("/orgs/{org}/tasks/{id}/move", pages::boards::move_task)
        .post("/orgs/{org}/tasks/{id}/checklist", pages::task::add_item)
        .post(
            "/orgs/{org}/tasks/{id}/checklist/{item}",
            pages::task::toggle_item,
        )
        .post("/orgs/{org}/tasks/{id}/comments", pages::task::comment)
        .get("/orgs/{org}/follow-up", pages::follow_up::show)
        .post("/orgs/{org}/follow-up/contacted", pages::follow_up::contacted)
        .post("/orgs/{org}/follow-up/mail", pages::follow_up::mail)
        .post("/orgs/{org}/follow-up/card", pages::follow_up::card)
        .get("/orgs/{org}/intake", pages::intake::list)
        .post("/orgs/{org}/intake", pages::intake::create)
        .get("/orgs/{org}/intake/{id}", pages::intake::edit)
        .post("/orgs/{org}/intake/{id}", pages::intake::update)
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
}
