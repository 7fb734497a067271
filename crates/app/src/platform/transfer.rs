//! Moving a whole organisation between instances and backends as versioned JSON.
//!
//! The document keeps every id, so an organisation exported from SQLite and imported into
//! PostgreSQL is the same organisation. Import validates everything with the same domain rules
//! as the UI and writes in one transaction: a bad document changes nothing.

use crate::org::views::*;
use crate::platform::transfer_measurement::MeasurementExport;
use crate::{AppError, Invalid, Result};
use chrono::{DateTime, Utc};
use mognad_domain::ids::*;
use mognad_domain::relationship::{Mentorship, Supervision, TeamMembership};
use mognad_store::{groups, orgs, people, relationships, teams, units};
use serde::{Deserialize, Serialize};

/// A relationship record of any kind, parsed.
pub(crate) enum Rel {
    S(Supervision),
    M(Mentorship),
    T(TeamMembership),
}

pub const FORMAT: &str = "mognad-organisation";
/// Version 2 added `records`; a version 1 document (without them) still imports.
pub const VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgExport {
    pub format: String,
    pub version: u32,
    pub exported_at: DateTime<Utc>,
    pub organisation: OrgView,
    pub units: Vec<UnitView>,
    pub people: Vec<PersonView>,
    pub groups: Vec<GroupView>,
    pub teams: Vec<TeamView>,
    pub relationships: Vec<RelationshipView>,
    /// Models, rounds, invitations, answers and targets; absent in documents from before
    /// measurement existed.
    #[serde(default, skip_serializing_if = "MeasurementExport::is_empty")]
    pub measurement: MeasurementExport,
    /// Accounts, competence, radar, plan, intake and agendas, table by table (see
    /// `transfer_records`); absent in version 1 documents.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub records: crate::platform::transfer_records::Records,
}

pub(crate) fn bad(path: String, e: impl ToString) -> Invalid {
    Invalid {
        field: Some(path),
        code: "invalid".into(),
        message: e.to_string(),
        args: Vec::new(),
    }
}

impl super::Platform<'_> {
    /// The whole organisation as an export document (an operator's command: no actor).
    #[tracing::instrument(skip_all)]
    pub async fn export_org(&self, org: OrgId) -> Result<OrgExport> {
        let mut tx = self.db.read().await?;
        let o = orgs::get(&mut tx, org).await?.ok_or(AppError::NotFound)?;
        let members = groups::all_members(&mut tx, org).await?;
        let mut relationships_out: Vec<RelationshipView> = relationships::supervisions(&mut tx, org)
            .await?
            .iter()
            .map(RelationshipView::from)
            .collect();
        relationships_out.extend(
            relationships::mentorships(&mut tx, org)
                .await?
                .iter()
                .map(RelationshipView::from),
        );
        relationships_out.extend(
            relationships::team_memberships(&mut tx, org)
                .await?
                .iter()
                .map(RelationshipView::from),
        );
        Ok(OrgExport {
            format: FORMAT.into(),
            version: VERSION,
            exported_at: Utc::now(),
            organisation: OrgView::from(&o),
            units: units::list(&mut tx, org)
                .await?
                .iter()
                .map(UnitView::from)
                .collect(),
            people: people::all(&mut tx, org)
                .await?
                .iter()
                .map(PersonView::from)
                .collect(),
            groups: groups::list(&mut tx, org)
                .await?
                .iter()
                .map(|g| GroupView::from_pairs(g, &members))
                .collect(),
            teams: teams::list(&mut tx, org)
                .await?
                .iter()
                .map(TeamView::from)
                .collect(),
            relationships: relationships_out,
            measurement: crate::platform::transfer_measurement::export(&mut tx, org).await?,
            records: crate::platform::transfer_records::export(&mut tx, org).await?,
        })
    }
}
