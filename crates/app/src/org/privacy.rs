//! People's rights over their data: everything Mognad holds about a person as one document,
//! erasure of a person, and how long personal data that has served its purpose is kept.
//!
//! Survey answers are not personal data here: they were never stored with a person, so neither
//! the document nor erasure can touch them, and they stay counted. The document says which
//! rounds a person was invited to, never whether they answered (an administrator runs it).

use crate::input::Errors;
use crate::{Actor, AppError, Invalid, Result};
use chrono::{DateTime, Utc};
use mognad_domain::ids::PersonId;
use mognad_domain::role::Role;
use mognad_store::privacy::{self, Applied, Retention};
use mognad_store::records::{self, Row};
use mognad_store::{orgs, people, users};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Retention periods as a form or JSON body holds them: days, blank to keep.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct RetentionInput {
    #[serde(default, deserialize_with = "crate::input::loose")]
    #[schema(schema_with = crate::input::number_or_text)]
    pub links_days: String,
    #[serde(default, deserialize_with = "crate::input::loose")]
    #[schema(schema_with = crate::input::number_or_text)]
    pub drafts_days: String,
    #[serde(default, deserialize_with = "crate::input::loose")]
    #[schema(schema_with = crate::input::number_or_text)]
    pub contacts_days: String,
}

/// Retention periods in days; `null` keeps that kind of data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RetentionView {
    /// After a round has closed, its personal links forget whom they were sent to.
    pub links_days: Option<i64>,
    /// Unfinished answers are thrown away.
    pub drafts_days: Option<i64>,
    /// Intake requests forget how to reach their sender.
    pub contacts_days: Option<i64>,
}

impl From<Retention> for RetentionView {
    fn from(r: Retention) -> Self {
        RetentionView {
            links_days: r.links_days,
            drafts_days: r.drafts_days,
            contacts_days: r.contacts_days,
        }
    }
}

fn days(field: &str, raw: &str) -> std::result::Result<Option<i64>, Invalid> {
    match raw.trim() {
        "" => Ok(None),
        v => v
            .parse::<i64>()
            .ok()
            .filter(|d| (0..=36_500).contains(d))
            .map(Some)
            .ok_or_else(|| Invalid::new(field, "days", format!("'{v}' is not a number of days (0–36500)"))),
    }
}

/// What erasing a person removed besides the person and what hangs on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Erased {
    /// Intake requests that no longer say how to reach them.
    pub contacts: u64,
    /// Whether an account with their address lost its role here.
    pub account: bool,
}

/// The sections of the person document: name, table, and the condition on the person's id.
const SECTIONS: &[(&str, &str, &str)] = &[
    ("groups", "group_members", "person_id = $1"),
    (
        "supervisions",
        "supervisions",
        "supervisor_id = $1 OR subordinate_id = $1",
    ),
    ("mentorships", "mentorships", "mentor_id = $1 OR protege_id = $1"),
    ("team_memberships", "team_memberships", "person_id = $1"),
    ("competence_profile", "competence_profiles", "person_id = $1"),
    ("assessments", "assessments", "person_id = $1"),
    ("assessments_given", "assessments", "assessor_id = $1"),
    ("competence_levels", "competence_levels", "person_id = $1"),
    ("grid_placements", "grid_placements", "person_id = $1"),
    ("plan_actions", "plan_actions", "person_id = $1"),
    ("reviews", "review_participants", "person_id = $1"),
    ("peer_requests_about", "peer_requests", "person_id = $1"),
    ("peer_requests_asked", "peer_requests", "peer_id = $1"),
    ("cards_assigned", "tasks", "assignee_id = $1"),
    ("time_logged", "time_entries", "person_id = $1"),
    ("initiatives_owned", "initiatives", "owner_id = $1"),
    ("invitations", "invitations", "person_id = $1"),
    ("round_memberships", "round_members", "person_id = $1"),
];

/// Keeps only what the person document may say of a row.
fn tidy(section: &str, mut row: Row) -> Row {
    match section {
        // Whom a link went to and when; never whether it was used or what it holds.
        "invitations" => row.retain(|k, _| matches!(k.as_str(), "round_id" | "group_id" | "created_at")),
        // Peers stay unnamed, to the person too.
        "assessments" if row.get("source").and_then(Value::as_str) == Some("peer") => {
            row.remove("assessor_id");
        }
        // Whom the person's manager asked stays with the asking; the person sees how many.
        "peer_requests_about" => {
            row.remove("peer_id");
            row.remove("answered_at");
        }
        _ => {}
    }
    row
}

impl super::Org<'_> {
    /// Everything stored about a person, for an administrator or the person themself.
    #[tracing::instrument(skip_all)]
    pub async fn person_data(&self, actor: &Actor, id: PersonId) -> Result<Value> {
        let mut tx = self.db.read().await?;
        let p = people::get(&mut tx, actor.org, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let own = p.email.as_ref() == Some(&actor.user.email);
        if !own {
            actor.require(Role::Admin)?;
        }
        let org = orgs::get(&mut tx, actor.org).await?.ok_or(AppError::NotFound)?;
        let mut doc = Map::new();
        doc.insert("format".into(), "mognad-person-data".into());
        doc.insert("exported_at".into(), Utc::now().to_rfc3339().into());
        doc.insert("organisation".into(), org.settings.name.to_string().into());
        let mut person = records::dump(&mut tx, "people", "id = $1", id.0).await?;
        for row in &mut person {
            row.remove("search_text");
        }
        doc.insert(
            "person".into(),
            person.into_iter().next().map(Value::Object).unwrap_or_default(),
        );
        for (name, table, scope) in SECTIONS {
            let rows: Vec<Value> = records::dump(&mut tx, table, scope, id.0)
                .await?
                .into_iter()
                // The peer assessments someone gave are theirs to see: to anyone else they
                // would name the peer a record keeps unnamed.
                .filter(|r| {
                    own || *name != "assessments_given" || r.get("source") != Some(&Value::from("peer"))
                })
                .map(|r| Value::Object(tidy(name, r)))
                .collect();
            doc.insert((*name).into(), rows.into());
        }
        if let Some(email) = &p.email {
            let scope = "org_id = $1 AND contact IS NOT NULL";
            let requests: Vec<Value> = records::dump(&mut tx, "intake_submissions", scope, actor.org.0)
                .await?
                .into_iter()
                .filter(|r| {
                    r.get("contact")
                        .and_then(Value::as_str)
                        .is_some_and(|c| email.named_in(c))
                })
                .map(Value::Object)
                .collect();
            doc.insert("intake_requests".into(), requests.into());
            // Only an account of this organisation: others are not this organisation's to show.
            if let Some(u) = users::by_email(&mut tx, email).await?
                && let Some(role) = users::role_in(&mut tx, u.id, actor.org).await?
            {
                doc.insert(
                    "account".into(),
                    serde_json::json!({
                        "email": u.email.as_str(),
                        "name": u.display_name.as_str(),
                        "language": u.language.code(),
                        "role": role.as_str(),
                    }),
                );
            }
        }
        tx.rollback().await?;
        crate::platform::audit::note(&self.db, actor, "export", &format!("person {id}")).await?;
        Ok(Value::Object(doc))
    }

    /// Erases a person: their directory entry and everything hanging on it (relationships,
    /// memberships, assessments, levels, placements, plans), their address in intake requests
    /// and the role of an account with their address. Their anonymous answers stay counted.
    #[tracing::instrument(skip_all)]
    pub async fn erase_person(&self, actor: &Actor, id: PersonId) -> Result<Erased> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.write().await?;
        // Two erasures at once must not both see the other owner still there.
        mognad_store::Db::serialise(&mut tx, mognad_store::WriterLock::Memberships).await?;
        let p = people::get(&mut tx, actor.org, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut erased = Erased {
            contacts: 0,
            account: false,
        };
        if let Some(email) = &p.email {
            if let Some(u) = users::by_email(&mut tx, email).await?
                && let Some(role) = users::role_in(&mut tx, u.id, actor.org).await?
                && !actor.role.at_least(role)
            {
                return Err(AppError::invalid(
                    "person",
                    "outranks",
                    "the person's account has a role above yours here; an owner must erase them",
                ));
            }
            if privacy::last_owner(&mut tx, actor.org, email.as_str()).await? {
                return Err(AppError::invalid(
                    "person",
                    "last-owner",
                    "the organisation's only owner cannot be erased; make someone else owner first",
                ));
            }
            for (request, contact) in privacy::contacts(&mut tx, actor.org).await? {
                if email.named_in(&contact) {
                    privacy::forget_contact(&mut tx, actor.org, request).await?;
                    erased.contacts += 1;
                }
            }
            privacy::forget_notifications(&mut tx, actor.org, email.as_str()).await?;
            erased.account = privacy::end_membership(&mut tx, actor.org, email.as_str()).await?;
        }
        privacy::forget_review_notices(&mut tx, actor.org, id.0).await?;
        people::delete(&mut tx, actor.org, id).await?;
        // The log names the erased person by id only: their name is what was erased.
        crate::platform::audit::record(&mut tx, actor, "person-erased", &id.to_string()).await?;
        tx.commit().await?;
        tracing::info!(
            contacts = erased.contacts,
            account = erased.account,
            "a person was erased"
        );
        Ok(erased)
    }

    #[tracing::instrument(skip_all)]
    pub async fn retention(&self, actor: &Actor) -> Result<RetentionView> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.read().await?;
        let r = privacy::get(&mut tx, actor.org).await?;
        tx.rollback().await?;
        Ok(r.into())
    }

    #[tracing::instrument(skip_all)]
    pub async fn set_retention(&self, actor: &Actor, input: &RetentionInput) -> Result<RetentionView> {
        actor.require(Role::Admin)?;
        let mut errors = Errors::default();
        let links = errors.take(days("links_days", &input.links_days));
        let drafts = errors.take(days("drafts_days", &input.drafts_days));
        let contacts = errors.take(days("contacts_days", &input.contacts_days));
        errors.finish()?;
        let r = Retention {
            links_days: links.flatten(),
            drafts_days: drafts.flatten(),
            contacts_days: contacts.flatten(),
        };
        let mut tx = self.db.write().await?;
        privacy::set(&mut tx, actor.org, &r).await?;
        crate::platform::audit::record(&mut tx, actor, "retention-changed", "").await?;
        tx.commit().await?;
        Ok(r.into())
    }
}

impl crate::platform::Platform<'_> {
    /// Applies every organisation's retention periods as of `now` (the server's background
    /// job; idempotent, so several servers may run it).
    #[tracing::instrument(skip_all)]
    pub async fn apply_retention(&self, now: DateTime<Utc>) -> Result<Applied> {
        let mut tx = self.db.write().await?;
        let mut total = Applied::default();
        for org in privacy::organisations(&mut tx).await? {
            let r = privacy::get(&mut tx, org).await?;
            let a = privacy::apply(&mut tx, org, &r, now).await?;
            total.links += a.links;
            total.drafts += a.drafts;
            total.contacts += a.contacts;
        }
        tx.commit().await?;
        Ok(total)
    }
}
