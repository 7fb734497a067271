//! What every feature stands on: accounts and sessions, who acts (the actor), mail, the write
//! queues, sealing drafts and moving an organisation between instances.
//!
//! Reached through [`App::platform`]: `app.platform().…`. Its use cases, by module:
//!
//! | module | use cases |
//! |---|---|
//! | `access` | `actor` |
//! | `accounts` | `create_user`, `user_by_email`, `grant_role`, `reset_password`, `login`, `session_user`, `session_in_org`, `logout`, `change_password` |
//! | `sign_in` | `sign_in` (with the brakes, the audit log and, when set up, a second factor) |
//! | `audit` | `audit_log`, `audit_export`, `audit` |
//! | `instance` | `is_instance_admin`, `make_instance_admin`, `instance_organisations`, `create_organisation`, `setup_link`, `setup_link_live`, `finish_setup` |
//! | `links` | `invitation_by_link`, `accept_invitation`, `request_password_reset`, `reset_link_usable`, `finish_password_reset` |
//! | `members` | `members`, `set_member_role`, `set_member_active`, `change_member`, `invite`, `invitations`, `withdraw_invitation` |
//! | `two_factor` | `two_factor_on`, `recovery_codes_left`, `start_two_factor`, `pending_two_factor`, `confirm_two_factor`, `disable_two_factor`, `challenge_open`, `finish_sign_in`, `two_factor_required`, `set_two_factor_required` |
//! | `sso` | `sso_org_for`, `start_sso`, `finish_sso` (with `oidc` and `id_token` for the protocol) |
//! | `sso_settings` | `sso_settings`, `save_sso_settings` |
//! | `notices` | `notices`, `mark_notices_read`, `notice_settings`, `save_notice_settings`; for the mail worker `claim_mail`, `mail_sent`, `mail_failed`, `make_digests`, `outbox_counts` |
//! | `tokens` | `create_token`, `tokens`, `revoke_token`, `present_token` |
//! | `transfer` | `export_org` |
//! | `transfer_import` | `import_org` |

pub mod access;
pub mod accounts;
pub mod audit;
pub mod batching;
pub(crate) mod brakes;
pub mod id_token;
pub mod instance;
pub mod links;
pub mod mail;
pub mod members;
pub mod notices;
pub mod oidc;
pub mod sealing;
pub mod sign_in;
pub mod sso;
pub mod sso_settings;
pub mod tokens;
pub mod transfer;
pub mod transfer_import;
pub mod transfer_measurement;
pub mod transfer_records;
pub mod two_factor;
pub mod write_queue;

crate::handle!(
    /// The platform feature's use cases, borrowed from an [`App`](crate::App).
    Platform,
    platform
);
