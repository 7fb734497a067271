//! Mognad's use cases, shared by the web server and the CLI.
//!
//! Every operation that touches an organisation's data takes an [`access::Actor`] (a user with
//! a role in that organisation), checks the role, and runs in one transaction. Inputs arrive as
//! loosely typed structs (what a form or JSON body holds) and are parsed into domain types here.

// The feature exists only to show that the anonymity property test catches a missing freeze.
#[cfg(all(feature = "unfrozen", not(debug_assertions)))]
compile_error!("the feature `unfrozen` removes the anonymity freeze: never build Mognad with it");

pub mod competence;
pub mod demo;
pub mod error;
pub mod input;
pub mod measurement;
pub mod org;
pub mod plan;
pub mod platform;

/// Declares a feature's handle: a borrowed [`App`] through which the feature's use cases are
/// reached, so each feature's public surface is one type (and one page of its docs).
macro_rules! handle {
    ($(#[$doc:meta])* $name:ident, $method:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy)]
        pub struct $name<'a>(&'a crate::App);

        impl std::ops::Deref for $name<'_> {
            type Target = crate::App;
            fn deref(&self) -> &crate::App {
                self.0
            }
        }

        impl crate::App {
            pub fn $method(&self) -> $name<'_> {
                $name(self)
            }
        }
    };
}
pub(crate) use handle;

pub use error::{AppError, Invalid};
pub use mognad_store::Db;
pub use platform::access::Actor;

use mognad_domain::model::Model;
use mognad_domain::round::Round;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use uuid::Uuid;

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// The application: a database and the use cases over it.
#[derive(Clone)]
pub struct App {
    pub db: Db,
    /// Started on first use, so an `App` can be made outside a Tokio runtime.
    submits: Arc<OnceLock<measurement::submit::SubmitQueue>>,
    /// Group commit for card writes, started on first use like `submits`.
    writes: Arc<OnceLock<platform::write_queue::WriteQueue>>,
    /// Models of rounds, parsed once: a model that a round uses never changes.
    round_models: Arc<Mutex<HashMap<Uuid, Arc<Model>>>>,
}

impl App {
    pub fn new(db: Db) -> Self {
        Self {
            db,
            submits: Arc::default(),
            writes: Arc::default(),
            round_models: Arc::default(),
        }
    }

    fn write_queue(&self) -> &platform::write_queue::WriteQueue {
        self.writes
            .get_or_init(|| platform::write_queue::WriteQueue::start(self.db.clone()))
    }

    fn submit_queue(&self) -> &measurement::submit::SubmitQueue {
        self.submits
            .get_or_init(|| measurement::submit::SubmitQueue::start(self.db.clone()))
    }

    /// The parsed model a round measures with.
    async fn round_model(&self, tx: &mut mognad_store::Tx, round: &Round) -> Result<Arc<Model>> {
        self.model_of(Some(tx), round.org_id, round.model_id).await
    }

    /// A model by id, parsed once and cached: only models that rounds use are looked up
    /// here, and those never change. Without a transaction, a short read is opened on a miss.
    async fn model_of(
        &self,
        tx: Option<&mut mognad_store::Tx>,
        org: mognad_domain::ids::OrgId,
        id: mognad_domain::ids::ModelId,
    ) -> Result<Arc<Model>> {
        if let Some(m) = self.round_models.lock().expect("model cache").get(&id.0) {
            return Ok(m.clone());
        }
        let stored = match tx {
            Some(tx) => mognad_store::models::get(tx, org, id).await?,
            None => {
                let mut tx = self.db.read().await?;
                let m = mognad_store::models::get(&mut tx, org, id).await?;
                tx.rollback().await?;
                m
            }
        }
        .ok_or_else(|| AppError::Internal(format!("model {} is missing", id.0)))?;
        let m = Arc::new(mognad_domain::model::parse(&stored.source).map_err(|e| {
            AppError::Internal(format!("stored model {} no longer parses: {e:?}", stored.id))
        })?);
        self.round_models
            .lock()
            .expect("model cache")
            .insert(id.0, m.clone());
        Ok(m)
    }
}
