//! Competence frameworks of an organisation: the shipped one is added the first time they are
//! listed; admins can add their own (a new id or a new version; a stored version never changes,
//! so assessments made against it keep their meaning).

use crate::{Actor, AppError, Invalid, Result};
use chrono::Utc;
use mognad_domain::competence::{self, Framework, esco, moodle};
use mognad_domain::ids::{FrameworkId, OrgId};
use mognad_domain::model::ModelError as SourceError;
use mognad_domain::org::Language;
use mognad_domain::role::Role;
use mognad_store::Tx;
use mognad_store::frameworks::{self, StoredFramework};
use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct FrameworkInfo {
    pub id: FrameworkId,
    /// The framework's own id, e.g. `it-ledarskap`.
    pub key: String,
    pub version: i64,
    pub name_sv: String,
    pub name_en: String,
}

pub(crate) fn stored(org: Uuid, f: &Framework, source: &str) -> StoredFramework {
    StoredFramework {
        id: Uuid::now_v7(),
        org_id: org,
        framework_key: f.id.clone(),
        version: i64::from(f.version),
        name_sv: f.name.sv.clone(),
        name_en: f.name.en.clone(),
        source: source.to_owned(),
    }
}

fn info(s: StoredFramework) -> FrameworkInfo {
    FrameworkInfo {
        id: FrameworkId(s.id),
        key: s.framework_key,
        version: s.version,
        name_sv: s.name_sv,
        name_en: s.name_en,
    }
}

/// Which outside format an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Moodle,
    Esco,
}

/// Each problem of a file, with its line.
fn invalid(errors: Vec<SourceError>) -> AppError {
    Invalid::from_source(errors)
}

/// A stored framework read and parsed inside the caller's transaction.
pub(crate) async fn stored_framework(tx: &mut Tx, org: OrgId, id: Uuid) -> Result<Framework> {
    let s = frameworks::get(tx, org, id).await?.ok_or(AppError::NotFound)?;
    competence::parse(&s.source)
        .map_err(|e| AppError::Internal(format!("stored framework {id} no longer parses: {e:?}")))
}

impl super::Competence<'_> {
    /// The organisation's frameworks; the shipped one is added the first time.
    #[tracing::instrument(skip_all)]
    pub async fn frameworks(&self, actor: &Actor) -> Result<Vec<FrameworkInfo>> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let mut list = frameworks::list(&mut tx, actor.org).await?;
        tx.rollback().await?;
        let shipped = competence::builtin();
        let has = |l: &[StoredFramework]| {
            l.iter()
                .any(|s| s.framework_key == shipped.id && s.version == i64::from(shipped.version))
        };
        if !has(&list) {
            let mut tx = self.db.write().await?;
            let row = stored(actor.org.0, shipped, competence::builtin_source());
            frameworks::insert_if_absent(&mut tx, &row, Utc::now()).await?;
            list = frameworks::list(&mut tx, actor.org).await?;
            tx.commit().await?;
        }
        Ok(list.into_iter().map(info).collect())
    }

    /// A stored framework, parsed.
    #[tracing::instrument(skip_all)]
    pub async fn framework(&self, actor: &Actor, id: FrameworkId) -> Result<Framework> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let f = stored_framework(&mut tx, actor.org, id.0).await?;
        tx.rollback().await?;
        Ok(f)
    }

    /// Reads a Moodle competency-framework CSV or ESCO CSV files (name, text) into a new
    /// framework, or a new version of one imported before; all or nothing.
    #[tracing::instrument(skip_all)]
    pub async fn import_framework(
        &self,
        actor: &Actor,
        kind: &str,
        files: &[(String, String)],
    ) -> Result<FrameworkInfo> {
        actor.require(Role::Admin)?;
        let kind = match kind {
            "moodle" => ImportKind::Moodle,
            "esco" => ImportKind::Esco,
            _ => return Err(Invalid::new("kind", "kind", "kind is moodle or esco").into()),
        };
        let mut f = match kind {
            ImportKind::Moodle => match files {
                [(_, src)] => moodle::import(src),
                _ => return Err(Invalid::new("file", "file", "give one Moodle CSV file").into()),
            },
            ImportKind::Esco => {
                let named: Vec<(&str, &str)> = files.iter().map(|(n, s)| (n.as_str(), s.as_str())).collect();
                esco::import(&named)
            }
        }
        .map_err(invalid)?;
        let mut tx = self.db.write().await?;
        let latest = frameworks::list(&mut tx, actor.org)
            .await?
            .iter()
            .filter(|s| s.framework_key == f.id)
            .map(|s| s.version)
            .max()
            .unwrap_or(0);
        f.version = u32::try_from(latest + 1).unwrap_or(u32::MAX);
        let row = stored(actor.org.0, &f, &competence::to_toml(&f));
        frameworks::insert_if_absent(&mut tx, &row, Utc::now()).await?;
        tx.commit().await?;
        Ok(info(row))
    }

    /// A stored framework's file, to download and edit.
    #[tracing::instrument(skip_all)]
    pub async fn framework_file(&self, actor: &Actor, id: FrameworkId) -> Result<(String, String)> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let s = frameworks::get(&mut tx, actor.org, id.0)
            .await?
            .ok_or(AppError::NotFound)?;
        tx.rollback().await?;
        Ok((format!("{}-v{}", s.framework_key, s.version), s.source))
    }

    /// A stored framework as a Moodle competency-framework CSV, texts in `lang`.
    #[tracing::instrument(skip_all)]
    pub async fn framework_moodle(
        &self,
        actor: &Actor,
        id: FrameworkId,
        lang: Language,
    ) -> Result<(String, String)> {
        let (name, source) = self.framework_file(actor, id).await?;
        let f = competence::parse(&source)
            .map_err(|e| AppError::Internal(format!("stored framework {id} no longer parses: {e:?}")))?;
        Ok((name, moodle::export(&f, lang)))
    }

    /// Adds a framework file: a new id, or a new version of one the organisation has.
    #[tracing::instrument(skip_all)]
    pub async fn upload_framework(&self, actor: &Actor, source: &str) -> Result<FrameworkInfo> {
        actor.require(Role::Admin)?;
        let f = competence::parse(source).map_err(invalid)?;
        let row = stored(actor.org.0, &f, source);
        let mut tx = self.db.write().await?;
        if !frameworks::insert_if_absent(&mut tx, &row, Utc::now()).await? {
            return Err(AppError::conflict(
                "framework-version",
                format!(
                    "{} version {} exists already and does not change; upload it as version {}",
                    f.id,
                    f.version,
                    f.version + 1
                ),
                &[
                    ("id", f.id.clone()),
                    ("version", f.version.to_string()),
                    ("next", (f.version + 1).to_string()),
                ],
            ));
        }
        tx.commit().await?;
        Ok(info(row))
    }
}
