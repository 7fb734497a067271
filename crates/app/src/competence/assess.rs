//! A person's competence record: their framework and target role, assessments (added, never
//! changed), the standing and gap per competence, and the mentor's consent. Every use case
//! asks `person_access` first, inside the same transaction it reads or writes in.

use crate::competence::frameworks::{FrameworkInfo, stored_framework};
use crate::competence::person_access::{self, Access};
use crate::{Actor, AppError, Invalid, Result};
use chrono::{DateTime, Utc};
use mognad_domain::competence::assessment::{self, Assessment, Source, Standing};
use mognad_domain::competence::versions::Changes;

use mognad_domain::competence::{Framework, RoleProfile};
use mognad_domain::ids::{FrameworkId, PersonId};
use mognad_domain::people::Person;
use mognad_store::assessments::{self as store, Profile};
use mognad_store::{Tx, people};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

/// Notes are evidence, not essays.
pub const NOTE_MAX: usize = 2000;

/// An assessment as a form or JSON body holds it.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct AssessInput {
    /// A competence id of the person's framework.
    #[serde(default)]
    pub competence: String,
    /// 1 … the framework's number of levels.
    #[serde(default, deserialize_with = "crate::input::loose")]
    #[schema(schema_with = crate::input::number_or_text)]
    pub level: String,
    /// `self`, `manager`, `mentor` or `peer`; blank for the first the assessor may use.
    #[serde(default)]
    pub source: String,
    /// What the level rests on.
    #[serde(default)]
    pub note: String,
}

/// One past assessment as its reader may see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HistoryEntry {
    pub competence: String,
    #[schema(value_type = String)]
    pub source: Source,
    pub level: u8,
    pub note: String,
    /// The assessor, except for peers, who stay unnamed.
    pub assessor: Option<String>,
    pub at: DateTime<Utc>,
}

/// What a reader sees of a person's competence record.
#[derive(Debug, Clone)]
pub struct Record {
    pub person: Person,
    pub access: Access,
    pub framework_id: FrameworkId,
    pub framework: Framework,
    pub frameworks: Vec<FrameworkInfo>,
    pub role: Option<RoleProfile>,
    pub mentor_may_see: bool,
    /// Empty unless `access.view`.
    pub standings: Vec<Standing>,
    /// Newest first, over every version of the framework; empty unless `access.view`.
    pub history: Vec<HistoryEntry>,
    /// A newer version of the person's framework and what it changes, to move them to.
    pub newer: Option<(FrameworkInfo, Changes)>,
}

/// The person, their profile, and the framework it names (or `default`, found before the
/// transaction began since finding it may install the shipped framework).
pub(crate) async fn subject(
    tx: &mut Tx,
    actor: &Actor,
    person: PersonId,
    default: Uuid,
) -> Result<(Person, Profile, Uuid)> {
    let p = people::get(tx, actor.org, person)
        .await?
        .ok_or(AppError::NotFound)?;
    let profile = store::profile(tx, actor.org, person).await?.unwrap_or(Profile {
        person_id: person.0,
        framework_id: None,
        role_key: None,
        mentor_may_see: false,
    });
    Ok((p, profile.clone(), profile.framework_id.unwrap_or(default)))
}

/// The newest version of the shipped framework among an organisation's frameworks, or its
/// first. People without a profile follow it to a new version; their records carry over.
fn default_of(list: &[FrameworkInfo]) -> Result<Uuid> {
    let shipped = mognad_domain::competence::builtin();
    list.iter()
        .filter(|f| f.key == shipped.id)
        .max_by_key(|f| f.version)
        .or(list.first())
        .map(|f| f.id.0)
        .ok_or_else(|| AppError::Internal("the organisation has no framework".into()))
}

pub(crate) fn order(f: &Framework) -> Vec<&str> {
    f.areas
        .iter()
        .flat_map(|a| &a.competences)
        .map(|c| c.id.as_str())
        .collect()
}

impl super::Competence<'_> {
    /// The shipped framework's stored id in the actor's organisation.
    #[tracing::instrument(skip_all)]
    pub async fn default_framework(&self, actor: &Actor) -> Result<FrameworkId> {
        default_of(&self.frameworks(actor).await?).map(FrameworkId)
    }

    #[tracing::instrument(skip_all)]
    pub async fn competence_record(&self, actor: &Actor, person: PersonId) -> Result<Record> {
        let frameworks = self.frameworks(actor).await?;
        let default = default_of(&frameworks)?;
        let mut tx = self.db.read().await?;
        let access = person_access::access(&mut tx, actor, person).await?;
        if !access.view && access.sources.is_empty() {
            return Err(AppError::Forbidden);
        }
        let (p, profile, framework_id) = subject(&mut tx, actor, person, default).await?;
        let (history, names) = if access.view {
            let h = store::history(&mut tx, actor.org, person, framework_id).await?;
            let names: HashMap<Uuid, String> = people::all(&mut tx, actor.org)
                .await?
                .into_iter()
                .map(|p| (p.id.0, p.name.to_string()))
                .collect();
            (h, names)
        } else {
            Default::default()
        };
        let framework = stored_framework(&mut tx, actor.org, framework_id).await?;
        let newer = super::moves::newer(&mut tx, actor.org, &frameworks, &framework).await?;
        tx.rollback().await?;
        let role = profile
            .role_key
            .as_ref()
            .and_then(|k| framework.roles.iter().find(|r| &r.id == k).cloned());
        let requires = role.as_ref().map(|r| r.requires.clone()).unwrap_or_default();
        let standings = if access.view {
            assessment::standings(&order(&framework), &history, &requires)
        } else {
            Vec::new()
        };
        // A single peer's level, note and day would name them: peers show only in the
        // standings, as the mean of at least three.
        let history = history
            .into_iter()
            .rev()
            .filter(|a| a.source != Source::Peer)
            .map(|a| HistoryEntry {
                assessor: (a.source != Source::Peer)
                    .then(|| a.assessor.and_then(|id| names.get(&id).cloned()))
                    .flatten(),
                competence: a.competence,
                source: a.source,
                level: a.level,
                note: a.note,
                at: a.at,
            })
            .collect();
        Ok(Record {
            person: p,
            access,
            framework_id: FrameworkId(framework_id),
            framework,
            frameworks,
            role,
            mentor_may_see: profile.mentor_may_see,
            standings,
            history,
            newer,
        })
    }

    /// Adds an assessment and rewrites the person's combined level of that competence.
    #[tracing::instrument(skip_all)]
    pub async fn assess(&self, actor: &Actor, person: PersonId, input: &AssessInput) -> Result<()> {
        let default = self.default_framework(actor).await?;
        let mut tx = self.db.write().await?;
        mognad_store::db::Db::serialise_org(&mut tx, mognad_store::db::WriterLock::Competence, actor.org)
            .await?;
        let access = person_access::access(&mut tx, actor, person).await?;
        let (_, _, framework_id) = subject(&mut tx, actor, person, default.0).await?;
        let framework = stored_framework(&mut tx, actor.org, framework_id).await?;
        let source = if input.source.trim().is_empty() {
            access.sources.first().copied()
        } else {
            Source::parse(&input.source).filter(|s| access.sources.contains(s))
        };
        let Some(source) = source else {
            return Err(if access.sources.is_empty() {
                AppError::Forbidden
            } else {
                Invalid::new("source", "source", "you cannot assess this person as that source").into()
            });
        };
        let mut errors = Vec::new();
        if framework.competence(input.competence.trim()).is_none() {
            errors.push(Invalid::new(
                "competence",
                "competence",
                "choose a competence of the framework",
            ));
        }
        let top = framework.levels.len();
        let level = input
            .level
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|l| (1..=top).contains(&usize::from(*l)));
        if level.is_none() {
            errors.push(Invalid::new(
                "level",
                "level",
                format!("choose a level from 1 to {top}"),
            ));
        }
        if input.note.chars().count() > NOTE_MAX {
            errors.push(Invalid::new(
                "note",
                "too-long",
                format!("at most {NOTE_MAX} characters"),
            ));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let me = person_access::me(&mut tx, actor).await?;
        let a = Assessment {
            id: Uuid::now_v7(),
            competence: input.competence.trim().to_owned(),
            source,
            level: level.unwrap_or(1),
            note: input.note.trim().to_owned(),
            assessor: me.map(|p| p.id.0),
            at: Utc::now(),
        };
        super::levels::record(&mut tx, actor.org, person, framework_id, &a).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets the person's framework and target role.
    #[tracing::instrument(skip_all)]
    pub async fn set_target_role(
        &self,
        actor: &Actor,
        person: PersonId,
        framework_id: FrameworkId,
        role: Option<&str>,
    ) -> Result<()> {
        let framework = self.framework(actor, framework_id).await?;
        let role = role.map(str::trim).filter(|r| !r.is_empty());
        if let Some(r) = role
            && !framework.roles.iter().any(|x| x.id == r)
        {
            return Err(Invalid::new("role", "role", "choose a role of the framework").into());
        }
        let mut tx = self.db.write().await?;
        mognad_store::db::Db::serialise_org(&mut tx, mognad_store::db::WriterLock::Competence, actor.org)
            .await?;
        person_access::access(&mut tx, actor, person)
            .await?
            .require_develop()?;
        let (_, mut profile, _) = subject(&mut tx, actor, person, framework_id.0).await?;
        let moved = profile.framework_id != Some(framework_id.0);
        profile.framework_id = Some(framework_id.0);
        profile.role_key = role.map(str::to_owned);
        store::save_profile(&mut tx, actor.org, &profile, Utc::now()).await?;
        if moved {
            super::levels::carry_levels(&mut tx, actor.org, person, framework_id.0, &framework).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The person allows (or stops allowing) their mentor to see their record.
    #[tracing::instrument(skip_all)]
    pub async fn set_mentor_consent(&self, actor: &Actor, person: PersonId, allow: bool) -> Result<()> {
        let default = self.default_framework(actor).await?;
        let mut tx = self.db.write().await?;
        if !person_access::access(&mut tx, actor, person).await?.consent {
            return Err(AppError::Forbidden);
        }
        let (_, mut profile, _) = subject(&mut tx, actor, person, default.0).await?;
        profile.mentor_may_see = allow;
        store::save_profile(&mut tx, actor.org, &profile, Utc::now()).await?;
        tx.commit().await?;
        Ok(())
    }
}
