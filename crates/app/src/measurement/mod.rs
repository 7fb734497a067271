//! Measuring digital maturity: models and rounds, invitations, reminders and shared links, answering,
//! and the results under the anonymity rules (details, comparisons, exports).
//!
//! Reached through [`App::measurement`]: `app.measurement().…`. Its use cases, by module:
//!
//! | module | use cases |
//! |---|---|
//! | `benchmark` | `participation`, `set_participation`, `benchmark` |
//! | `compare` | `compare`, `previous_round`, `set_targets` |
//! | `detail` | `area_detail`, `area_with_results` |
//! | `export` | `results_for_export`, `stream_answers` |
//! | `group_choice` | `several_groups`, `set_answering_group`, `choose_group` |
//! | `invite` | `issue_invitations`, `round_status` |
//! | `models` | `models`, `model`, `model_source`, `upload_model` |
//! | `reference` | `reference_models`, `references`, `load_reference`, `delete_reference` |
//! | `remind` | `remind`, `link_sheet` |
//! | `respond` | `respondent`, `save_answers`, `submit_answers` |
//! | `results` | `results` |
//! | `rounds` | `rounds`, `round`, `create_round`, `set_round_state` |
//! | `shared_link` | `join_shared`, `shared_link_info` |
//! | `summary` | `summary` |

pub mod benchmark;
pub mod compare;
pub mod detail;
pub mod export;
pub mod freeze;
pub mod group_choice;
pub mod invite;
pub mod models;
pub mod reference;
pub mod remind;
pub mod respond;
pub mod results;
pub mod rounds;
pub mod shared_link;
pub mod submit;
pub mod summary;

crate::handle!(
    /// The measurement feature's use cases, borrowed from an [`App`](crate::App).
    Measurement,
    measurement
);
