//! Editing a framework in the browser: the edit is applied to a stored version and saved as the
//! next version of the same framework (a stored version never changes; ids stay, so records
//! carry over and people can be moved to it).

use crate::competence::frameworks::{FrameworkInfo, stored, stored_framework};
use crate::{Actor, AppError, Invalid, Result};
use chrono::Utc;
use mognad_domain::competence::edit::{Edit, apply};
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
        let base = stored_framework(&mut tx, actor.org, id.0).await?;
        let mut next = apply(&base, edit).map_err(|errors| {
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
        let latest = frameworks::list(&mut tx, actor.org)
            .await?
            .iter()
            .filter(|s| s.framework_key == base.id)
            .map(|s| s.version)
            .max()
            .unwrap_or(0);
        next.version = u32::try_from(latest + 1).unwrap_or(u32::MAX);
        let source = to_toml(&next);
        // The edit is checked again as the file it becomes, so a browser edit obeys every rule an
        // upload does.
        mognad_domain::competence::parse(&source)
            .map_err(|e| AppError::Internal(format!("an edited framework does not parse: {e:?}")))?;
        let row = stored(actor.org.0, &next, &source);
        frameworks::insert_if_absent(&mut tx, &row, Utc::now()).await?;
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
