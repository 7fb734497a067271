//! The organisation: its settings, units, people, leadership groups and teams, the three leadership
//! relationships, the leadership checks, the org chart and importing the directory from HR files.
//!
//! Reached through [`App::org`]: `app.org().…`. Its use cases, by module:
//!
//! | module | use cases |
//! |---|---|
//! | `checks` | `leadership_checks` |
//! | `directory` | `units`, `unit`, `save_unit`, `delete_unit`, `people`, `all_people`, `person`, `save_person`, `delete_person` |
//! | `groups` | `groups`, `group`, `save_group`, `delete_group`, `set_group_member`, `teams`, `team`, `save_team`, `delete_team` |
//! | `import` | `import_people` |
//! | `organisations` | `create_org`, `organisation`, `update_settings`, `my_orgs`, `find_org` |
//! | `orgchart` | `org_chart`, `whole_org_chart` |
//! | `privacy` | `person_data`, `erase_person`, `retention`, `set_retention` (and `platform().apply_retention`) |
//! | `relations` | `relationships`, `relationship`, `save_relationship`, `delete_relationship` |
//! | `relations_list` | `relationship_list` |

pub mod checks;
pub mod directory;
pub mod groups;
pub mod import;
pub(crate) mod import_file;
pub(crate) mod import_write;
pub mod organisations;
pub mod orgchart;
pub mod privacy;
pub mod relations;
pub mod relations_list;
pub mod views;

crate::handle!(
    /// The org feature's use cases, borrowed from an [`App`](crate::App).
    Org,
    org
);
