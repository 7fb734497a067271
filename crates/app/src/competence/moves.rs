//! Moving people to another version of their framework with their records: one person through
//! their profile (`assess::set_target_role`) or everyone on a version at once. Assessments and
//! plan actions name competences by id, which a new version keeps, so they carry over by
//! themselves; the combined levels are combined again here for the version moved to.

use crate::competence::frameworks::{FrameworkInfo, stored_framework};
use crate::{Actor, AppError, Invalid, Result};
use chrono::Utc;
use mognad_domain::competence::{Framework, versions};
use mognad_domain::ids::{FrameworkId, OrgId, PersonId};
use mognad_domain::role::Role;
use mognad_store::assessments as store;
use mognad_store::{Tx, frameworks};
use serde::Serialize;

/// The newest version of `framework` among the organisation's, if newer, and what it changes.
pub(crate) async fn newer(
    tx: &mut Tx,
    org: OrgId,
    list: &[FrameworkInfo],
    framework: &Framework,
) -> Result<Option<(FrameworkInfo, versions::Changes)>> {
    let Some(n) = list
        .iter()
        .filter(|f| f.key == framework.id && f.version > i64::from(framework.version))
        .max_by_key(|f| f.version)
    else {
        return Ok(None);
    };
    let f = stored_framework(tx, org, n.id.0).await?;
    Ok(Some((n.clone(), versions::changes(framework, &f))))
}

/// What a move of everyone on a version did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Moved {
    /// People whose profile named the old version.
    pub people: usize,
    /// Of them, people whose role the new version lacks; they keep no role.
    pub without_role: usize,
}

impl super::Competence<'_> {
    /// Moves everyone whose profile names version `from` (a framework id as given) to version
    /// `to` of the same framework, keeping each role the new version still has.
    #[tracing::instrument(skip_all)]
    pub async fn move_version(&self, actor: &Actor, from: &str, to: FrameworkId) -> Result<Moved> {
        actor.require(Role::Admin)?;
        let other = || {
            Invalid::new(
                "from",
                "framework-version",
                "choose another version of the same framework",
            )
        };
        let from = FrameworkId(from.trim().parse().map_err(|_| other())?);
        let mut tx = self.db.write().await?;
        mognad_store::db::Db::serialise_org(&mut tx, mognad_store::db::WriterLock::Competence, actor.org)
            .await?;
        let old = frameworks::get(&mut tx, actor.org, from.0)
            .await?
            .ok_or(AppError::NotFound)?;
        let new = frameworks::get(&mut tx, actor.org, to.0)
            .await?
            .ok_or(AppError::NotFound)?;
        if old.framework_key != new.framework_key || old.id == new.id {
            return Err(other().into());
        }
        let target = stored_framework(&mut tx, actor.org, to.0).await?;
        let mut moved = Moved {
            people: 0,
            without_role: 0,
        };
        for mut p in store::profiles(&mut tx, actor.org).await? {
            if p.framework_id != Some(from.0) {
                continue;
            }
            p.framework_id = Some(to.0);
            if p.role_key
                .as_ref()
                .is_some_and(|r| !target.roles.iter().any(|x| &x.id == r))
            {
                p.role_key = None;
                moved.without_role += 1;
            }
            store::save_profile(&mut tx, actor.org, &p, Utc::now()).await?;
            super::levels::carry_levels(&mut tx, actor.org, PersonId(p.person_id), to.0, &target).await?;
            moved.people += 1;
        }
        crate::platform::audit::record(
            &mut tx,
            actor,
            "framework-moved",
            &format!(
                "{} people from {} v{} to v{}",
                moved.people, old.framework_key, old.version, new.version
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(moved)
    }
}
