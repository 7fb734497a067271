//! Each person's combined levels, kept beside the append-only assessments so team views read
//! one row per person: rewritten for one competence when an assessment is added, and combined
//! anew for every competence when the person moves to another framework version.

use crate::Result;
use crate::competence::assess::order;
use mognad_domain::competence::assessment::{self, Assessment};
use mognad_domain::competence::{Framework, versions};
use mognad_domain::ids::{OrgId, PersonId};
use mognad_store::Tx;
use mognad_store::assessments as store;
use uuid::Uuid;

/// Adds one assessment and rewrites the person's combined level of its competence.
pub(crate) async fn record(
    tx: &mut Tx,
    org: OrgId,
    person: PersonId,
    framework_id: Uuid,
    a: &Assessment,
) -> Result<()> {
    // Lock the person's levels before reading the history, so the history read sees every
    // assessment committed before ours.
    let mut levels = store::levels_for_update(tx, person, framework_id).await?;
    store::insert(tx, org, person, framework_id, a).await?;
    let history = store::history(tx, org, person, framework_id).await?;
    let same: Vec<&Assessment> = history.iter().filter(|h| h.competence == a.competence).collect();
    if let Some(c) = assessment::combined(&same) {
        levels.insert(a.competence.clone(), f64::from(c));
        store::put_levels(tx, person, framework_id, &levels).await?;
    }
    Ok(())
}

/// Moves a person's combined levels to `framework`: every competence it has is combined again
/// from the assessments of all versions, and the rows of other versions go.
pub(crate) async fn carry_levels(
    tx: &mut Tx,
    org: OrgId,
    person: PersonId,
    framework_id: Uuid,
    framework: &Framework,
) -> Result<()> {
    let history = store::history(tx, org, person, framework_id).await?;
    let levels = versions::levels(&order(framework), &history);
    store::clear_levels(tx, org, person, framework_id).await?;
    store::put_levels(tx, person, framework_id, &levels).await?;
    Ok(())
}
