//! Teams. Their leads and members are relationships (`/relationships`, kind `team`).

crate::org::api::record::record_api!(
    tag = "teams",
    collection = "/api/v1/orgs/{org}/teams",
    item = "/api/v1/orgs/{org}/teams/{id}",
    view = mognad_app::org::views::TeamView,
    input = mognad_app::org::directory::NamedInput,
    id = mognad_domain::ids::TeamId,
    list = teams,
    get = team,
    save = save_team,
    delete = delete_team
);
