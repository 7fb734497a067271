//! Plan and execution: goals and initiatives, boards and cards, intake forms, workload, the effect of
//! the plan, dashboards, agendas and the leadership programme.
//!
//! Reached through [`App::plan`]: `app.plan().…`. Its use cases, by module:
//!
//! | module | use cases |
//! |---|---|
//! | `agendas` | `agendas`, `create_agenda`, `add_point`, `agenda` |
//! | `archive` | `archive`, `restore`, `delete_archived`, `is_archived`, `archived`, `undo_move` |
//! | `budget` | (pure) `totals`, `stopped` |
//! | `budget_cut` | `budget_cut`, `apply_cut` |
//! | `calendar` | `calendar_feeds`, `renew_feed`, `stop_feed`, `feed` |
//! | `board_edits` | `rename_board`, `add_column`, `update_column` |
//! | `boards` | `boards`, `create_board`, `board` |
//! | `bulk` | `bulk_change` (move and assign the chosen cards) |
//! | `card_detail` | `update_task`, `task` (with its history), `add_checklist_item`, `toggle_checklist_item`, `comment` |
//! | `cards` | `create_task`, `move_task` |
//! | `dashboard` | `dashboard` |
//! | `effect` | `effect` |
//! | `follow_up` | `follow_up`, `mark_contacted`, `mail_follow_up`, `follow_up_card` (recurring problems) |
//! | `goals` | `goals`, `save_goal` |
//! | `initiative_dashboard` | `initiative_dashboard` |
//! | `initiatives` | `initiatives`, `save_initiative`, `initiative_from_gap`, `add_cost` |
//! | `intake` | `intake_forms`, `intake_form`, `save_intake_form` |
//! | `intake_answers` | `form_by_link`, `submit_intake`, `recurring_problems` |
//! | `notify` | (inside other writes) the notifications of an assignment, a mention, the morning digest |
//! | `programme` | `start_programme` |
//! | `receipts` | `receipt_status` (braked look-up by the sender) |
//! | `search` | `search` |
//! | `scope` | `engine_choices`, `competence_choices` |
//! | `time_log` | `log_time`, `remove_time`, `card_time` |
//! | `timeline` | `timeline` |
//! | `timesheet` | `timesheet` (and the download's table) |
//! | `workload` | `workload` |

pub mod agendas;
pub mod archive;
pub mod board_edits;
pub mod boards;
pub mod budget;
pub mod budget_cut;
pub mod bulk;
pub mod calendar;
pub mod card_detail;
pub(crate) mod card_moves;
pub(crate) mod card_writes;
pub mod cards;
pub mod dashboard;
pub mod effect;
pub mod follow_up;
pub mod goals;
pub mod initiative_dashboard;
pub mod initiatives;
pub mod intake;
pub mod intake_answers;
pub(crate) mod notify;
pub mod programme;
pub mod receipts;
pub mod scope;
pub mod search;
pub mod time_log;
pub mod timeline;
pub mod timesheet;
pub mod workload;

crate::handle!(
    /// The plan feature's use cases, borrowed from an [`App`](crate::App).
    Plan,
    plan
);
