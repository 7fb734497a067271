//! Reference tables for the benchmark: an instance administrator loads, per model, a CSV file
//! of engine means per organisation (a national benchmark, nobody named), which every
//! organisation's benchmark page sets its scores against. Loading another replaces it.

use crate::platform::instance::require_instance_admin;
use crate::{AppError, Invalid, Result};
use chrono::Utc;
use mognad_domain::benchmark::table;
use mognad_domain::model::{self, Model};
use mognad_domain::text::Name;
use mognad_store::benchmark::{self as store, Reference};
use mognad_store::models;
use mognad_store::users::User;

impl super::Measurement<'_> {
    /// The models a reference table can be loaded for: the shipped ones and every other model
    /// key on the instance (its newest version). Instance administrators only.
    #[tracing::instrument(skip_all)]
    pub async fn reference_models(&self, user: &User) -> Result<Vec<Model>> {
        let mut tx = self.db.read().await?;
        require_instance_admin(&mut tx, user).await?;
        let mut out: Vec<Model> = model::builtin().to_vec();
        for m in models::newest_per_key(&mut tx).await? {
            if out.iter().all(|o| o.id != m.model_key)
                && let Ok(parsed) = model::parse(&m.source)
            {
                out.push(parsed);
            }
        }
        Ok(out)
    }

    /// Every loaded reference table. Instance administrators only.
    #[tracing::instrument(skip_all)]
    pub async fn references(&self, user: &User) -> Result<Vec<Reference>> {
        let mut tx = self.db.read().await?;
        require_instance_admin(&mut tx, user).await?;
        Ok(store::references(&mut tx).await?)
    }

    /// Loads (or replaces) the reference table of `model_key` from a CSV file's text.
    #[tracing::instrument(skip_all)]
    pub async fn load_reference(
        &self,
        user: &User,
        model_key: &str,
        name: &str,
        src: &str,
    ) -> Result<Reference> {
        let models = self.reference_models(user).await?;
        let mut errors = crate::input::Errors::default();
        let name = errors.take(Name::parse("name", name));
        let model = models.iter().find(|m| m.id == model_key);
        if model.is_none() {
            errors.push(Invalid::new("model", "choice", "choose a model"));
        }
        let (Some(name), Some(model)) = (name, model) else {
            return Err(errors.into_error());
        };
        let rows = table::parse(src, model).map_err(Invalid::from_source)?;
        let reference = Reference {
            model_key: model.id.clone(),
            name: name.to_string(),
            rows: rows.len() as i64,
            loaded_at: Utc::now(),
        };
        let mut tx = self.db.write().await?;
        require_instance_admin(&mut tx, user).await?;
        store::load_reference(&mut tx, &reference, &rows).await?;
        tx.commit().await?;
        Ok(reference)
    }

    /// Removes a model's reference table. Instance administrators only.
    #[tracing::instrument(skip_all)]
    pub async fn delete_reference(&self, user: &User, model_key: &str) -> Result<()> {
        let mut tx = self.db.write().await?;
        require_instance_admin(&mut tx, user).await?;
        if !store::delete_reference(&mut tx, model_key).await? {
            return Err(AppError::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }
}
