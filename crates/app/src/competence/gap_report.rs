//! The organisation's gap report: per competence of a framework, how many people stand below
//! their own role's requirement. Each person counts with the role of the framework version
//! their profile names (or the newest shipped one without a profile) and with their levels
//! combined over every version.

use crate::competence::frameworks::{FrameworkInfo, stored_framework};
use crate::measurement::export::{Table, Value};
use crate::{Actor, Result};
use mognad_domain::competence::Framework;
use mognad_domain::competence::gaps::{self, GapRow, Subject};
use mognad_domain::ids::FrameworkId;
use mognad_store::assessments;
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GapReport {
    pub framework: FrameworkInfo,
    /// People counted: those on a version of the framework with a role.
    pub people: usize,
    /// Fewer assessed than this, and a counts-only reader gets no "below" or mean gap.
    pub threshold: usize,
    pub rows: Vec<GapRow>,
}

impl super::Competence<'_> {
    /// The gap report on `framework` (the shipped one when none is named). Counts only, so
    /// analysts may read it as well as HR and administrators.
    #[tracing::instrument(skip_all)]
    pub async fn gap_report(&self, actor: &Actor, framework: Option<FrameworkId>) -> Result<GapReport> {
        if !actor.role.reads_competence() {
            return Err(crate::AppError::Forbidden);
        }
        let list = self.frameworks(actor).await?;
        let default = self.default_framework(actor).await?;
        let id = framework.unwrap_or(default);
        let info = list
            .iter()
            .find(|f| f.id == id)
            .cloned()
            .ok_or(crate::AppError::NotFound)?;
        let lineage: Vec<&FrameworkInfo> = list.iter().filter(|f| f.key == info.key).collect();
        let mut tx = self.db.read().await?;
        let mut versions: HashMap<Uuid, Framework> = HashMap::new();
        for f in &lineage {
            versions.insert(f.id.0, stored_framework(&mut tx, actor.org, f.id.0).await?);
        }
        let profiles = assessments::profiles(&mut tx, actor.org).await?;
        let people = mognad_store::people::all(&mut tx, actor.org).await?;
        let levels: HashMap<Uuid, _> = assessments::levels(&mut tx, actor.org, id.0)
            .await?
            .into_iter()
            .collect();
        let k = mognad_store::orgs::get(&mut tx, actor.org)
            .await?
            .map_or(3, |o| o.settings.anonymity_threshold.get() as usize);
        tx.rollback().await?;
        let by_person: HashMap<Uuid, &assessments::Profile> =
            profiles.iter().map(|p| (p.person_id, p)).collect();
        let mut subjects = Vec::new();
        for p in &people {
            let profile = by_person.get(&p.id.0);
            let version = profile.and_then(|x| x.framework_id).unwrap_or(default.0);
            let (Some(f), Some(role)) = (versions.get(&version), profile.and_then(|x| x.role_key.as_ref()))
            else {
                continue;
            };
            if let Some(r) = f.roles.iter().find(|r| &r.id == role) {
                subjects.push(Subject {
                    requires: &r.requires,
                    levels: levels.get(&p.id.0),
                });
            }
        }
        let shown = &versions[&id.0];
        let order: Vec<String> = shown
            .areas
            .iter()
            .flat_map(|a| &a.competences)
            .map(|c| c.id.clone())
            .collect();
        // Records' readers (HR, admins) may see each person's level anyway; an analyst reads
        // counts, never a row that would single someone out.
        let records = actor.role.at_least(mognad_domain::role::Role::Hr);
        let rows = gaps::report(&order, &subjects)
            .into_iter()
            .map(|r| if records { r } else { r.for_counts_only(k) })
            .collect();
        Ok(GapReport {
            framework: info,
            people: subjects.len(),
            rows,
            threshold: k,
        })
    }
}

/// The report as a table for CSV and XLSX: `headers` in the reader's language (competence,
/// required, assessed, below, not assessed, mean gap), competences named by `name`.
pub fn gap_table(r: &GapReport, headers: [String; 6], name: impl Fn(&str) -> String) -> Table {
    Table {
        headers: headers.to_vec(),
        rows: r
            .rows
            .iter()
            .map(|g| {
                vec![
                    Value::Text(name(&g.competence)),
                    Value::Count(g.required as i64),
                    Value::Count(g.assessed as i64),
                    if g.withheld {
                        Value::Empty
                    } else {
                        Value::Count(g.below as i64)
                    },
                    Value::Count(g.not_assessed() as i64),
                    g.mean_gap.map_or(Value::Empty, |v| Value::Number(f64::from(v))),
                ]
            })
            .collect(),
    }
}
