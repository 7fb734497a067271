//! Environment scanning: the organisation's log of signals (what was seen, where, when) and
//! its technology radar. Everyone in the organisation reads both; admins keep them.

use crate::input::bounded_text;
use crate::{Actor, AppError, Invalid, Result};
use chrono::{NaiveDate, Utc};
use mognad_domain::ids::{BlipId, SignalId};
use mognad_domain::role::Role;
use mognad_domain::scanning::{Blip, Quadrant, Ring};
use mognad_domain::text::parse_date;
use mognad_store::scanning::{self as store, Signal, StoredBlip};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How many signals the log shows.
pub const SIGNALS_SHOWN: i64 = 200;

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct BlipInput {
    #[serde(default)]
    pub name: String,
    /// `techniques`, `platforms`, `tools` or `services`.
    #[serde(default)]
    pub quadrant: String,
    /// `adopt`, `trial`, `assess` or `hold`.
    #[serde(default)]
    pub ring: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct SignalInput {
    /// `YYYY-MM-DD`; blank for today.
    #[serde(default)]
    pub noted_on: String,
    /// Where it was seen: a report, a conference, a peer organisation …
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub signal: String,
    /// An http(s) address, optional.
    #[serde(default)]
    pub link: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RadarBlip {
    pub id: BlipId,
    #[schema(value_type = Object)]
    pub blip: Blip,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SignalView {
    pub id: SignalId,
    pub noted_on: NaiveDate,
    pub source: String,
    pub signal: String,
    pub link: Option<String>,
}

impl super::Competence<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn radar(&self, actor: &Actor) -> Result<(Vec<RadarBlip>, Vec<SignalView>)> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let blips = store::blips(&mut tx, actor.org).await?;
        let signals = store::signals(&mut tx, actor.org, SIGNALS_SHOWN).await?;
        tx.rollback().await?;
        let blips = blips
            .into_iter()
            .filter_map(|b| {
                Some(RadarBlip {
                    id: BlipId(b.id),
                    blip: Blip {
                        quadrant: Quadrant::parse(&b.quadrant)?,
                        ring: Ring::parse(&b.ring)?,
                        name: b.name,
                        note: b.note,
                    },
                })
            })
            .collect();
        let signals = signals
            .into_iter()
            .map(|s| SignalView {
                id: SignalId(s.id),
                noted_on: s.noted_on,
                source: s.source,
                signal: s.signal,
                link: s.link,
            })
            .collect();
        Ok((blips, signals))
    }

    /// Adds a blip, or moves the blip of that name.
    #[tracing::instrument(skip_all)]
    pub async fn save_blip(&self, actor: &Actor, input: &BlipInput) -> Result<()> {
        actor.require(Role::Admin)?;
        let mut errors = Vec::new();
        let name = bounded_text(&input.name, "name", 80, true, &mut errors);
        let note = bounded_text(&input.note, "note", 1000, false, &mut errors);
        let quadrant = Quadrant::parse(&input.quadrant);
        if quadrant.is_none() {
            errors.push(Invalid::new("quadrant", "quadrant", "choose a quadrant"));
        }
        let ring = Ring::parse(&input.ring);
        if ring.is_none() {
            errors.push(Invalid::new("ring", "ring", "choose a ring"));
        }
        let (Some(quadrant), Some(ring), true) = (quadrant, ring, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let mut tx = self.db.write().await?;
        let b = StoredBlip {
            id: Uuid::now_v7(),
            name,
            quadrant: quadrant.as_str().into(),
            ring: ring.as_str().into(),
            note,
        };
        store::save_blip(&mut tx, actor.org, &b, Utc::now()).await?;
        tx.commit().await?;
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    pub async fn delete_blip(&self, actor: &Actor, id: BlipId) -> Result<()> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.write().await?;
        if !store::delete_blip(&mut tx, actor.org, id.0).await? {
            return Err(AppError::NotFound);
        }
        crate::platform::audit::record(&mut tx, actor, "deleted", &format!("radar blip {}", id.0)).await?;
        tx.commit().await?;
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    pub async fn add_signal(&self, actor: &Actor, input: &SignalInput) -> Result<SignalId> {
        actor.require(Role::Admin)?;
        let mut errors = Vec::new();
        let source = bounded_text(&input.source, "source", 200, true, &mut errors);
        let signal = bounded_text(&input.signal, "signal", 2000, true, &mut errors);
        let link = input.link.trim();
        if !link.is_empty()
            && (!(link.starts_with("https://") || link.starts_with("http://")) || link.chars().count() > 500)
        {
            errors.push(Invalid::new("link", "link", "an address starting with https://"));
        }
        let noted_on = match input.noted_on.trim() {
            "" => Utc::now().date_naive(),
            d => parse_date(d).unwrap_or_else(|_| {
                errors.push(Invalid::new("noted_on", "date", "a date as YYYY-MM-DD"));
                Utc::now().date_naive()
            }),
        };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let s = Signal {
            id: Uuid::now_v7(),
            noted_on,
            source,
            signal,
            link: (!link.is_empty()).then(|| link.to_owned()),
        };
        let mut tx = self.db.write().await?;
        store::insert_signal(&mut tx, actor.org, &s, Utc::now()).await?;
        tx.commit().await?;
        Ok(SignalId(s.id))
    }
}
