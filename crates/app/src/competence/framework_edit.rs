//! Editing a framework in the browser: the edit is applied to a stored version and saved as the
//! next version of the same framework (a stored version never changes; ids stay, so records
//! carry over and people can be moved to it).

use crate::competence::frameworks::{FrameworkInfo, stored, stored_framework};
use crate::{Actor, AppError, Invalid, Result};
use chrono::Utc;
use mognad_domain::competence::edit::{Edit, Used, apply};
use mognad_domain::competence::to_toml;
use mognad_domain::ids::FrameworkId;
use mognad_domain::role::Role;
use mognad_store::frameworks;

impl super::Competence<'_> {
    /// Saves `edit` of version `id` as the framework's next version.
    #[tracing::instrument(skip_all)]
    pub async fn edit_framework(&self, actor: &Actor, id: FrameworkId, edit: &Edit) -> Result<FrameworkInfo> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.write().await?;
        mognad_store::db::Db::serialise_org(&mut tx, mognad_store::db::WriterLock::Competence, actor.org)
            .await?;
        let base = stored_framework(&mut tx, actor.org, id.0).await?;
        // An id any version ever used keeps its records (or profiles), so a new competence or
        // role may not take it.
        let versions: Vec<_> = frameworks::list(&mut tx, actor.org)
            .await?
            .into_iter()
            .filter(|s| s.framework_key == base.id)
            .collect();
        let mut used = Used::default();
        for s in &versions {
            let f = stored_framework(&mut tx, actor.org, s.id).await?;
            used.roles.extend(f.roles.into_iter().map(|r| r.id));
            used.competences
                .extend(f.areas.into_iter().flat_map(|a| a.competences).map(|c| c.id));
        }
        let mut next = apply(&base, edit, &used).map_err(|errors| {
            AppError::Invalid(
                errors
                    .into_iter()
                    .map(|e| {
                        let code = match e.code {
                            "empty" | "unknown-ref" => e.code.to_owned(),
                            other => format!("framework-{other}"),
                        };
                        Invalid::new(&e.field, &code, format!("{}: {}", e.field, e.code))
                    })
                    .collect(),
            )
        })?;
        let latest = versions.iter().map(|s| s.version).max().unwrap_or(0);
        // An edit of an older version would silently drop what the versions after it changed.
        if i64::from(base.version) != latest {
            return Err(AppError::conflict(
                "framework-stale",
                format!(
                    "version {latest} of the framework is newer than the version {} edited",
                    base.version
                ),
                &[
                    ("latest", latest.to_string()),
                    ("edited", base.version.to_string()),
                ],
            ));
        }
        // A save that changes nothing would only add a version to choose between.
        if next == base {
            return Err(Invalid::new("fe-save", "framework-unchanged", "the edit changes nothing").into());
        }
        next.version = u32::try_from(latest + 1).unwrap_or(u32::MAX);
        let source = to_toml(&next);
        // The edit is checked again as the file it becomes, so a browser edit obeys every rule an
        // upload does.
        mognad_domain::competence::parse(&source)
            .map_err(|e| AppError::Internal(format!("an edited framework does not parse: {e:?}")))?;
        let row = stored(actor.org.0, &next, &source);
        if !frameworks::insert_if_absent(&mut tx, &row, Utc::now()).await? {
            return Err(AppError::Internal(format!(
                "version {} of {} exists already",
                next.version, next.id
            )));
        }
        tx.commit().await?;
        Ok(FrameworkInfo {
            id: FrameworkId(row.id),
            key: row.framework_key,
            version: row.version,
            name_sv: row.name_sv,
            name_en: row.name_en,
        })
    }
}
