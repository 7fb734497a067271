//! Maturity models: which models an organisation has (the shipped ones added the first time it
//! looks), reading one, and uploading its own. A model that a round uses is frozen: the same id and
//! version cannot be uploaded again.

use super::rounds::{ModelInfo, model_errors, stored};
use crate::{Actor, AppError, Result};
use chrono::Utc;
use mognad_domain::ids::ModelId;
use mognad_domain::model::{self, Model};
use mognad_domain::role::Role;
use mognad_store::models::{self, StoredModel};

/// The SHA-256 of every model file Mognad shipped before the current ones. A stored copy equal to
/// one of them is Mognad's own and is brought up to the shipped texts while no round uses it;
/// any other file under a shipped id and version is the organisation's upload and stays as it is.
const SHIPPED_BEFORE: &[&str] = &[
    // nio-motorer v1 and med-relationer v1 before the advice per phase.
    "dc262f3b00456d8a7c8e36e07beea96142b719b58fcdf98b9484928c8295e258",
    "3886ba759cbda81df86672d1626138d6e07887bbdf85ee91a54639d590777af5",
];

fn shipped_before(source: &str) -> bool {
    use sha2::{Digest, Sha256};
    let hex: String = Sha256::digest(source.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    SHIPPED_BEFORE.contains(&hex.as_str())
}

impl super::Measurement<'_> {
    /// The organisation's models; the shipped ones are added the first time.
    #[tracing::instrument(skip_all)]
    pub async fn models(&self, actor: &Actor) -> Result<Vec<ModelInfo>> {
        actor.require(Role::Member)?;
        let missing = |list: &[StoredModel]| -> Vec<(&'static str, &'static Model)> {
            model::builtin_sources()
                .into_iter()
                .zip(model::builtin())
                .filter(|(_, m)| {
                    !list
                        .iter()
                        .any(|s| s.model_key == m.id && s.version == i64::from(m.version))
                })
                .collect()
        };
        let mut tx = self.db.read().await?;
        let mut list = models::list(&mut tx, actor.org).await?;
        let mut used = models::used_ids(&mut tx, actor.org).await?;
        tx.rollback().await?;
        // A copy of a file Mognad shipped earlier that no round uses yet takes the texts
        // Mognad ships now (advice added later, say); one in use stays as the rounds measured
        // it, and an organisation's own upload under the same id is never touched.
        let stale = |list: &[StoredModel], used: &[uuid::Uuid]| -> Vec<StoredModel> {
            model::builtin_sources()
                .into_iter()
                .zip(model::builtin())
                .filter_map(|(source, m)| {
                    let s = list
                        .iter()
                        .find(|s| s.model_key == m.id && s.version == i64::from(m.version))?;
                    let ours = shipped_before(&s.source);
                    (s.source != source && ours && !used.contains(&s.id)).then(|| StoredModel {
                        id: s.id,
                        ..stored(actor.org.0, m, source)
                    })
                })
                .collect()
        };
        // Only the first listing writes; every later one is a plain read.
        if !missing(&list).is_empty() || !stale(&list, &used).is_empty() {
            let mut tx = self.db.write().await?;
            for (source, m) in missing(&list) {
                models::insert_if_absent(&mut tx, &stored(actor.org.0, m, source), Utc::now()).await?;
            }
            for s in stale(&list, &used) {
                models::replace_unused(&mut tx, &s).await?;
            }
            list = models::list(&mut tx, actor.org).await?;
            used = models::used_ids(&mut tx, actor.org).await?;
            tx.commit().await?;
        }
        list.sort_by(|a, b| (&a.model_key, a.version).cmp(&(&b.model_key, b.version)));
        Ok(list
            .into_iter()
            .map(|s| ModelInfo {
                in_use: used.contains(&s.id),
                id: ModelId(s.id),
                key: s.model_key,
                version: s.version,
                name_sv: s.name_sv,
                name_en: s.name_en,
            })
            .collect())
    }

    /// A stored model, parsed.
    #[tracing::instrument(skip_all)]
    pub async fn model(&self, actor: &Actor, id: ModelId) -> Result<Model> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let s = models::get(&mut tx, actor.org, id)
            .await?
            .ok_or(AppError::NotFound)?;
        model::parse(&s.source)
            .map_err(|e| AppError::Internal(format!("stored model {id} no longer parses: {e:?}")))
    }

    /// A stored model's file as it was uploaded (or shipped), with a file name for it.
    #[tracing::instrument(skip_all)]
    pub async fn model_source(&self, actor: &Actor, id: ModelId) -> Result<(String, String)> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let s = models::get(&mut tx, actor.org, id)
            .await?
            .ok_or(AppError::NotFound)?;
        tx.rollback().await?;
        Ok((format!("{}-v{}.toml", s.model_key, s.version), s.source))
    }

    /// Adds a model file, or replaces one of the same id and version that no round uses yet.
    #[tracing::instrument(skip_all)]
    pub async fn upload_model(&self, actor: &Actor, source: &str) -> Result<ModelInfo> {
        actor.require(Role::Admin)?;
        let m = model::parse(source).map_err(model_errors)?;
        let mut tx = self.db.write().await?;
        let mut s = stored(actor.org.0, &m, source);
        match models::find(&mut tx, actor.org, &m.id, i64::from(m.version)).await? {
            Some(existing) => {
                s.id = existing.id;
                if !models::replace_unused(&mut tx, &s).await? {
                    return Err(AppError::conflict(
                        "model-version",
                        format!(
                            "{} version {} is used by a round and cannot change; upload it as version {}",
                            m.id,
                            m.version,
                            m.version + 1
                        ),
                        &[
                            ("id", m.id.clone()),
                            ("version", m.version.to_string()),
                            ("next", (m.version + 1).to_string()),
                        ],
                    ));
                }
            }
            None => models::insert(&mut tx, &s, Utc::now()).await?,
        }
        tx.commit().await?;
        Ok(ModelInfo {
            id: ModelId(s.id),
            key: s.model_key,
            version: s.version,
            name_sv: s.name_sv,
            name_en: s.name_en,
            in_use: false,
        })
    }
}
