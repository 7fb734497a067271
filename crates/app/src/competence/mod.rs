//! Competence: frameworks and roles, assessments, development plans and placements, team competence
//! maps and environment scanning.
//!
//! Reached through [`App::competence`]: `app.competence().…`. Its use cases, by module:
//!
//! | module | use cases |
//! |---|---|
//! | `assess` | `default_framework`, `competence_record`, `assess`, `set_target_role`, `set_mentor_consent` |
//! | `develop` | `development`, `place`, `place_role`, `role_placements`, `add_action`, `set_action_status` |
//! | `framework_edit` | `edit_framework` |
//! | `frameworks` | `frameworks`, `framework`, `import_framework`, `framework_file`, `framework_moodle`, `upload_framework` |
//! | `gap_report` | `gap_report` |
//! | `moves` | `move_version` |
//! | `reviews` | `start_review`, `close_review` |
//! | `review_reminders` | `remind_review`, `remind_due_reviews` (the server's hourly job) |
//! | `review_status` | `review_cycles`, `peer_asks`, `review_status` |
//! | `review_sheet` | `review_sheet`, `submit_sheet` |
//! | `review_steps` | `request_peers`, `sign_off` |
//! | `scanning` | `radar`, `save_blip`, `delete_blip`, `add_signal` |
//! | `talent` | `talent` |
//! | `team_map` | `team_competence` |

pub mod assess;
pub mod develop;
pub mod framework_edit;
pub mod frameworks;
pub mod gap_report;
mod levels;
pub mod moves;
pub mod person_access;
pub mod review_reminders;
pub mod review_sheet;
pub mod review_status;
mod review_steps;
pub mod reviews;
pub mod scanning;
pub mod talent;
pub mod team_map;

crate::handle!(
    /// The competence feature's use cases, borrowed from an [`App`](crate::App).
    Competence,
    competence
);
