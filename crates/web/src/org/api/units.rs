//! Units of the organisation.

crate::org::api::record::record_api!(
    tag = "units",
    collection = "/api/v1/orgs/{org}/units",
    item = "/api/v1/orgs/{org}/units/{id}",
    view = mognad_app::org::views::UnitView,
    input = mognad_app::org::directory::UnitInput,
    id = mognad_domain::ids::UnitId,
    list = units,
    get = unit,
    save = save_unit,
    delete = delete_unit
);
