//! Recording, changing and removing the three leadership relationships, enforcing the domain
//! rules (one primary supervisor, no cycles, one team lead) inside the writing transaction so
//! two concurrent changes cannot both slip past a rule.

use crate::input::{Errors, parse_ref};
use crate::org::views::RelationshipView;
use crate::{Actor, AppError, Invalid, Result};
use mognad_domain::ids::RelationshipId;
use mognad_domain::ids::*;
use mognad_domain::relationship::*;
use mognad_domain::role::Role;
use mognad_domain::text::parse_date;
use mognad_store::relationships::{self as rel, Kind};
use mognad_store::{Tx, people, teams};
use serde::Deserialize;
use uuid::Uuid;

/// A relationship as a form or JSON body holds it.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct RelationshipInput {
    /// `supervision`, `mentorship` or `team`.
    pub kind: String,
    /// Supervisor, mentor, or the person joining the team.
    pub from_id: String,
    /// Subordinate, protégé, or the team.
    pub to_id: String,
    /// `primary` (default) or `secondary` for supervision; `lead` or `member` (default) for team.
    #[serde(default)]
    pub role: Option<String>,
    /// First day, `YYYY-MM-DD`.
    pub valid_from: String,
    /// Last day, `YYYY-MM-DD`; blank for open-ended.
    #[serde(default)]
    pub valid_to: Option<String>,
}

fn kind_of(raw: &str) -> std::result::Result<Kind, Invalid> {
    match raw.trim() {
        "supervision" => Ok(Kind::Supervision),
        "mentorship" => Ok(Kind::Mentorship),
        "team" => Ok(Kind::TeamMembership),
        other => Err(Invalid::new(
            "kind",
            "kind",
            format!("unknown relationship kind '{other}'"),
        )),
    }
}

async fn person(tx: &mut Tx, org: OrgId, id: Uuid, field: &str) -> Result<PersonId> {
    people::get(tx, org, PersonId(id))
        .await?
        .map(|p| p.id)
        .ok_or_else(|| AppError::invalid(field, "unknown-ref", "no such person in this organisation"))
}

impl super::Org<'_> {
    #[tracing::instrument(skip_all)]
    pub async fn relationships(&self, actor: &Actor) -> Result<Vec<RelationshipView>> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let mut all: Vec<RelationshipView> = rel::supervisions(&mut tx, actor.org)
            .await?
            .iter()
            .map(RelationshipView::from)
            .collect();
        all.extend(
            rel::team_memberships(&mut tx, actor.org)
                .await?
                .iter()
                .map(RelationshipView::from),
        );
        all.extend(
            rel::mentorships(&mut tx, actor.org)
                .await?
                .iter()
                .map(RelationshipView::from),
        );
        Ok(all)
    }

    #[tracing::instrument(skip_all)]
    pub async fn relationship(&self, actor: &Actor, id: RelationshipId) -> Result<RelationshipView> {
        self.relationships(actor)
            .await?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or(AppError::NotFound)
    }

    /// Records a new relationship (`id` = None) or changes one, e.g. to set its end date.
    #[tracing::instrument(skip_all)]
    pub async fn save_relationship(
        &self,
        actor: &Actor,
        id: Option<RelationshipId>,
        input: &RelationshipInput,
    ) -> Result<RelationshipView> {
        actor.require(Role::Admin)?;
        let mut errors = Errors::default();
        let kind = errors.take(kind_of(&input.kind));
        let from = errors.take(parse_ref("from_id", Some(&input.from_id)));
        let to = errors.take(parse_ref("to_id", Some(&input.to_id)));
        let valid_from =
            errors.take(parse_date(&input.valid_from).map_err(|e| with_field(e.into(), "valid_from")));
        let valid_to = match input.valid_to.as_deref().map(str::trim) {
            None | Some("") => Some(None),
            Some(v) => errors.take(
                parse_date(v)
                    .map(Some)
                    .map_err(|e| with_field(e.into(), "valid_to")),
            ),
        };
        for (field, value) in [("from_id", &from), ("to_id", &to)] {
            if matches!(value, Some(None)) {
                errors.push(Invalid::new(
                    field,
                    "empty",
                    "choose who the relationship is between",
                ));
            }
        }
        errors.finish()?;
        let (kind, from, to) = (kind.unwrap(), from.flatten().unwrap(), to.flatten().unwrap());
        let period = Period::new(valid_from.unwrap(), valid_to.unwrap())?;
        let role = input.role.as_deref().map(str::trim).filter(|r| !r.is_empty());
        let org = actor.org;
        let mut tx = self.db.write().await?;
        // History stays true only if a relationship keeps its kind and its people: a change
        // of either is a new relationship, and the old one is ended instead.
        if let Some(id) = id {
            let (existing, view) = self.existing(&mut tx, org, id.0).await?;
            if existing != kind {
                return Err(AppError::invalid(
                    "kind",
                    "relationship-kind",
                    "the kind of a relationship cannot change",
                ));
            }
            for (field, before, now) in [("from_id", view.from_id, from), ("to_id", view.to_id, to)] {
                if before != now {
                    return Err(AppError::invalid(
                        field,
                        "relationship-people",
                        "the people of a relationship cannot change; end it and start a new one",
                    ));
                }
            }
        }
        let view = match kind {
            Kind::Supervision => {
                let primary = match role.unwrap_or("primary") {
                    "primary" => true,
                    "secondary" => false,
                    _ => return Err(AppError::invalid("role", "role", "use primary or secondary")),
                };
                let s = Supervision {
                    id: id.map(|i| SupervisionId(i.0)).unwrap_or_default(),
                    org_id: org,
                    supervisor_id: person(&mut tx, org, from, "from_id").await?,
                    subordinate_id: person(&mut tx, org, to, "to_id").await?,
                    primary,
                    period,
                };
                check_supervision(&s, &rel::supervisions(&mut tx, org).await?)?;
                rel::save_supervision(&mut tx, &s).await?;
                RelationshipView::from(&s)
            }
            Kind::Mentorship => {
                let m = Mentorship {
                    id: id.map(|i| MentorshipId(i.0)).unwrap_or_default(),
                    org_id: org,
                    mentor_id: person(&mut tx, org, from, "from_id").await?,
                    protege_id: person(&mut tx, org, to, "to_id").await?,
                    period,
                };
                check_mentorship(&m, &rel::mentorships(&mut tx, org).await?)?;
                rel::save_mentorship(&mut tx, &m).await?;
                RelationshipView::from(&m)
            }
            Kind::TeamMembership => {
                let team = teams::get(&mut tx, org, TeamId(to)).await?.ok_or_else(|| {
                    AppError::invalid("to_id", "unknown-ref", "no such team in this organisation")
                })?;
                let m = TeamMembership {
                    id: id.map(|i| TeamMembershipId(i.0)).unwrap_or_default(),
                    org_id: org,
                    team_id: team.id,
                    person_id: person(&mut tx, org, from, "from_id").await?,
                    role: TeamRole::parse(role.unwrap_or("member"))
                        .map_err(|e| with_field(e.into(), "role"))?,
                    period,
                };
                check_team_membership(&m, &rel::team_memberships(&mut tx, org).await?)?;
                rel::save_team_membership(&mut tx, &m).await?;
                RelationshipView::from(&m)
            }
        };
        tx.commit().await?;
        Ok(view)
    }

    #[tracing::instrument(skip_all)]
    pub async fn delete_relationship(&self, actor: &Actor, id: RelationshipId) -> Result<()> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.write().await?;
        let (kind, _) = self.existing(&mut tx, actor.org, id.0).await?;
        rel::delete(&mut tx, actor.org, kind, id.0).await?;
        crate::platform::audit::record(&mut tx, actor, "deleted", &format!("relationship {}", id.0)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The stored relationship with this id, of any kind.
    async fn existing(&self, tx: &mut Tx, org: OrgId, id: Uuid) -> Result<(Kind, RelationshipView)> {
        if let Some(s) = rel::supervisions(tx, org).await?.iter().find(|s| s.id.0 == id) {
            return Ok((Kind::Supervision, s.into()));
        }
        if let Some(m) = rel::mentorships(tx, org).await?.iter().find(|m| m.id.0 == id) {
            return Ok((Kind::Mentorship, m.into()));
        }
        if let Some(m) = rel::team_memberships(tx, org)
            .await?
            .iter()
            .find(|m| m.id.0 == id)
        {
            return Ok((Kind::TeamMembership, m.into()));
        }
        Err(AppError::NotFound)
    }
}

fn with_field(mut i: Invalid, field: &str) -> Invalid {
    i.field = Some(field.to_owned());
    i
}
