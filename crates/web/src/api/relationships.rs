//! The three leadership relationships: supervision, team membership, mentoring.

super::record::record_api!(
    tag = "relationships",
    collection = "/api/v1/orgs/{org}/relationships",
    item = "/api/v1/orgs/{org}/relationships/{id}",
    view = mognad_app::views::RelationshipView,
    input = mognad_app::relations::RelationshipInput,
    list = relationships,
    get = relationship,
    save = save_relationship,
    delete = delete_relationship
);
