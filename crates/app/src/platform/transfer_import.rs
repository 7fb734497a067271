//! Importing an organisation exported by another instance (or another backend): the whole document
//! is checked first, every bad record named, and then written in one transaction, ids kept.

use super::transfer::{FORMAT, OrgExport, Rel, VERSION, bad};
use crate::{AppError, Result};
use chrono::Utc;
use mognad_domain::ids::*;
use mognad_domain::org::{AnonymityThreshold, Language, OrgSettings, Organisation};
use mognad_domain::people::{LeadershipGroup, Person, Team, Unit};
use mognad_domain::relationship::{Mentorship, Period, Supervision, TeamMembership, TeamRole};
use mognad_domain::text::{Name, optional_email, optional_name};
use mognad_store::{groups, orgs, people, relationships, teams, units};
use std::collections::HashSet;

impl super::Platform<'_> {
    /// Imports an export document as a new organisation with the same ids.
    #[tracing::instrument(skip_all)]
    pub async fn import_org(&self, doc: &OrgExport) -> Result<OrgId> {
        if doc.format != FORMAT || !(1..=VERSION).contains(&doc.version) {
            return Err(AppError::invalid(
                "format",
                "format",
                format!(
                    "expected {FORMAT} version {VERSION}, got {} version {}",
                    doc.format, doc.version
                ),
            ));
        }
        let o = &doc.organisation;
        let org_id = o.id;
        let org = Organisation {
            id: org_id,
            settings: OrgSettings {
                name: Name::parse("name", &o.name).map_err(|e| bad("organisation.name".into(), e))?,
                language: Language::parse(&o.language).map_err(|e| bad("organisation.language".into(), e))?,
                anonymity_threshold: AnonymityThreshold::parse(o.anonymity_threshold)
                    .map_err(|e| bad("organisation.anonymity_threshold".into(), e))?,
            },
        };
        // Parse everything first: a document with any bad record writes nothing.
        let mut errors = Vec::new();
        let mut unit_list = Vec::new();
        for (i, u) in doc.units.iter().enumerate() {
            match (
                Name::parse("name", &u.name),
                optional_name("kind", u.kind.as_deref()),
            ) {
                (Ok(name), Ok(kind)) => unit_list.push(Unit {
                    id: u.id,
                    org_id,
                    parent_id: u.parent_id,
                    name,
                    kind,
                }),
                (Err(e), _) | (_, Err(e)) => errors.push(bad(format!("units[{i}]"), e)),
            }
        }
        let mut person_list = Vec::new();
        for (i, p) in doc.people.iter().enumerate() {
            let parsed = (|| {
                Ok::<_, mognad_domain::DomainError>(Person {
                    id: p.id,
                    org_id,
                    name: Name::parse("name", &p.name)?,
                    email: optional_email(p.email.as_deref())?,
                    unit_id: p.unit_id,
                    title: optional_name("title", p.title.as_deref())?,
                })
            })();
            match parsed {
                Ok(person) => person_list.push(person),
                Err(e) => errors.push(bad(format!("people[{i}]"), e)),
            }
        }
        let mut group_list = Vec::new();
        for (i, g) in doc.groups.iter().enumerate() {
            match Name::parse("name", &g.name) {
                Ok(name) => group_list.push((
                    LeadershipGroup {
                        id: g.id,
                        org_id,
                        unit_id: g.unit_id,
                        name,
                    },
                    &g.member_ids,
                )),
                Err(e) => errors.push(bad(format!("groups[{i}]"), e)),
            }
        }
        let mut team_list = Vec::new();
        for (i, t) in doc.teams.iter().enumerate() {
            match Name::parse("name", &t.name) {
                Ok(name) => team_list.push(Team {
                    id: t.id,
                    org_id,
                    unit_id: t.unit_id,
                    name,
                }),
                Err(e) => errors.push(bad(format!("teams[{i}]"), e)),
            }
        }
        let mut rel_list = Vec::new();
        for (i, r) in doc.relationships.iter().enumerate() {
            let period = match Period::new(r.valid_from, r.valid_to) {
                Ok(p) => p,
                Err(e) => {
                    errors.push(bad(format!("relationships[{i}]"), e));
                    continue;
                }
            };
            match r.kind.as_str() {
                "supervision" => rel_list.push(Rel::S(Supervision {
                    id: SupervisionId(r.id.0),
                    org_id,
                    supervisor_id: PersonId(r.from_id),
                    subordinate_id: PersonId(r.to_id),
                    primary: r.role != "secondary",
                    period,
                })),
                "mentorship" => rel_list.push(Rel::M(Mentorship {
                    id: MentorshipId(r.id.0),
                    org_id,
                    mentor_id: PersonId(r.from_id),
                    protege_id: PersonId(r.to_id),
                    period,
                })),
                "team" => match TeamRole::parse(&r.role) {
                    Ok(role) => rel_list.push(Rel::T(TeamMembership {
                        id: TeamMembershipId(r.id.0),
                        org_id,
                        team_id: TeamId(r.to_id),
                        person_id: PersonId(r.from_id),
                        role,
                        period,
                    })),
                    Err(e) => errors.push(bad(format!("relationships[{i}].role"), e)),
                },
                other => errors.push(bad(
                    format!("relationships[{i}].kind"),
                    format!("unknown kind '{other}'"),
                )),
            }
        }
        let group_ids: HashSet<uuid::Uuid> = doc.groups.iter().map(|g| g.id.0).collect();
        let person_ids: HashSet<uuid::Uuid> = doc.people.iter().map(|p| p.id.0).collect();
        let measurement = crate::platform::transfer_measurement::parse(
            &doc.measurement,
            org_id,
            &group_ids,
            &person_ids,
            &mut errors,
        );
        errors.extend(crate::platform::transfer_records::check(doc));
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }

        let mut tx = self.db.write().await?;
        if orgs::get(&mut tx, org_id).await?.is_some() {
            return Err(AppError::conflict(
                "org-exists",
                format!("organisation {} already exists here", o.id),
                &[("id", o.id.to_string())],
            ));
        }
        let written: mognad_store::Result<()> = async {
            orgs::insert(&mut tx, &org, Utc::now()).await?;
            // Parents before children, whatever order the document lists them in.
            let mut placed: HashSet<UnitId> = HashSet::new();
            let mut remaining: Vec<&Unit> = unit_list.iter().collect();
            while !remaining.is_empty() {
                let (ready, later): (Vec<&Unit>, Vec<&Unit>) = remaining
                    .into_iter()
                    .partition(|u| u.parent_id.is_none_or(|p| placed.contains(&p)));
                if ready.is_empty() {
                    return Err(mognad_store::StoreError::Reference(
                        "units refer to missing parents or form a cycle".into(),
                    ));
                }
                for u in ready {
                    units::insert(&mut tx, u).await?;
                    placed.insert(u.id);
                }
                remaining = later;
            }
            for p in &person_list {
                people::insert(&mut tx, p).await?;
            }
            for (g, members) in &group_list {
                groups::insert(&mut tx, g).await?;
                for m in *members {
                    groups::add_member(&mut tx, g.id, *m).await?;
                }
            }
            for t in &team_list {
                teams::insert(&mut tx, t).await?;
            }
            for r in &rel_list {
                match r {
                    Rel::S(s) => relationships::save_supervision(&mut tx, s).await?,
                    Rel::M(m) => relationships::save_mentorship(&mut tx, m).await?,
                    Rel::T(t) => relationships::save_team_membership(&mut tx, t).await?,
                }
            }
            crate::platform::transfer_measurement::write(&mut tx, org_id, &measurement).await?;
            crate::platform::transfer_records::import(&mut tx, &doc.records).await?;
            Ok(())
        }
        .await;
        match written {
            Ok(()) => {}
            Err(mognad_store::StoreError::Reference(m)) => {
                // The database's own words stay in the log; the reader gets ours.
                tracing::info!(detail = %m, "import refused: a reference outside the document");
                return Err(AppError::invalid(
                    "document",
                    "dangling-ref",
                    "a record refers to one that is not in the document",
                ));
            }
            Err(e) => return Err(crate::platform::transfer_records::refused(e)),
        }
        tx.commit().await?;
        Ok(org_id)
    }
}
