//! The demo organisation: a fictional Swedish municipality, Norrvik kommun, with a unit tree,
//! about 400 people, 40 leadership groups, teams and all three kinds of leadership relationship.
//!
//! The data is generated from a fixed seed, so every demo looks the same and tests can rely on
//! its shape. It deliberately contains situations the product must handle: a team lead who
//! supervises nobody, people without a supervisor, mentoring across units.

mod benchmark;
mod competence;
mod names;
mod plan;
mod rounds;
mod texts;

use self::names::{FIRST, LAST, TEAMS, TITLES, ascii_local, name};
use crate::{App, AppError, Result};
use chrono::{NaiveDate, Utc};
use mognad_domain::ids::*;
use mognad_domain::org::{AnonymityThreshold, Language, OrgSettings, Organisation};
use mognad_domain::people::{LeadershipGroup, Person, Team};
use mognad_domain::relationship::{Mentorship, Period, Supervision, TeamMembership, TeamRole};
use mognad_domain::text::Email;
use mognad_store::{groups, orgs, people, relationships, teams, units};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

pub const ORG_NAME: &str = "Norrvik kommun";
pub const OWNER_EMAIL: &str = "demo@norrvik.example";

/// What the demo created, for the CLI to print.
#[derive(Debug, Clone)]
pub struct DemoSummary {
    pub org: OrgId,
    pub units: usize,
    pub people: usize,
    pub groups: usize,
    pub teams: usize,
    pub relationships: usize,
    /// Simulated answers in the demo's measurement rounds.
    pub answers: usize,
}

impl App {
    /// Creates the demo organisation unless it exists; `progress(done, total)` is called as
    /// people are written. Returns the organisation id and what was made.
    pub async fn create_demo(&self, progress: &(dyn Fn(u64, u64) + Sync)) -> Result<DemoSummary> {
        let mut tx = self.db.write().await?;
        if orgs::find_by_name(&mut tx, ORG_NAME).await?.is_some() {
            return Err(AppError::conflict(
                "org-exists",
                format!("{ORG_NAME} already exists"),
                &[("id", ORG_NAME.to_owned())],
            ));
        }
        let mut rng = StdRng::seed_from_u64(2016);
        let org = Organisation {
            id: OrgId::new(),
            settings: OrgSettings {
                name: name(ORG_NAME),
                language: Language::Sv,
                anonymity_threshold: AnonymityThreshold::DEFAULT,
            },
        };
        orgs::insert(&mut tx, &org, Utc::now()).await?;
        let o = org.id;

        let all_units = names::units(o);
        for (u, _) in &all_units {
            units::insert(&mut tx, u).await?;
        }

        // People: a chief per unit first, then staff spread over the units.
        let total = 400u64;
        let mut everyone: Vec<Person> = Vec::new();
        let mut chiefs: Vec<PersonId> = Vec::new();
        let mut used_emails = std::collections::HashSet::new();
        for i in 0..total as usize {
            let unit_index = if i < all_units.len() {
                i
            } else {
                rng.random_range(0..all_units.len())
            };
            let (unit, parent) = &all_units[unit_index];
            let first = FIRST[rng.random_range(0..FIRST.len())];
            let last = LAST[rng.random_range(0..LAST.len())];
            let mut local = ascii_local(&format!("{first}.{last}"));
            let mut n = 2;
            while !used_emails.insert(local.clone()) {
                local = format!("{}{}", ascii_local(&format!("{first}.{last}")), n);
                n += 1;
            }
            let title = if i < all_units.len() {
                if parent.is_none() {
                    "Förvaltningschef"
                } else {
                    "Avdelningschef"
                }
            } else if unit.name.as_str() == "IT-avdelningen" && i % 3 == 0 {
                "IT-strateg"
            } else {
                TITLES[rng.random_range(0..TITLES.len())]
            };
            let p = Person {
                id: PersonId::new(),
                org_id: o,
                name: name(&format!("{first} {last}")),
                // The IT chief is the demo's signed-in user, so the demo shows a manager's view;
                // a few people have no e-mail, as in real HR exports.
                email: if i < all_units.len() && unit.name.as_str() == "IT-avdelningen" {
                    Some(Email::parse(OWNER_EMAIL).unwrap())
                } else {
                    (i % 37 != 5).then(|| Email::parse(&format!("{local}@norrvik.example")).unwrap())
                },
                unit_id: Some(unit.id),
                title: Some(name(title)),
            };
            people::insert(&mut tx, &p).await?;
            if i < all_units.len() {
                chiefs.push(p.id);
            }
            everyone.push(p);
            if i % 20 == 19 {
                progress(i as u64 + 1, total);
            }
        }
        progress(total, total);

        // Supervision: avdelningschef under förvaltningschef, staff under their unit's chief.
        // Every 25th person is left without a supervisor, as happens between reorganisations.
        let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let mut relationship_count = 0;
        for (i, p) in everyone.iter().enumerate() {
            let unit_index = all_units
                .iter()
                .position(|(u, _)| Some(u.id) == p.unit_id)
                .unwrap();
            let boss = if i < all_units.len() {
                all_units[unit_index].1.map(|parent| chiefs[parent])
            } else if i % 25 == 0 {
                None
            } else {
                Some(chiefs[unit_index])
            };
            if let Some(boss) = boss {
                let s = Supervision {
                    id: SupervisionId::new(),
                    org_id: o,
                    supervisor_id: boss,
                    subordinate_id: p.id,
                    primary: true,
                    period: Period::new(start, None)?,
                };
                relationships::save_supervision(&mut tx, &s).await?;
                relationship_count += 1;
            }
        }

        // Leadership groups: one per unit and three unit-level groups per department, 40 in all,
        // of different sizes so some stay under the anonymity threshold in later measurements.
        let mut group_count = 0;
        let mut all_groups = Vec::new();
        all_groups.push((
            name("Kommunledningsgruppen"),
            None::<UnitId>,
            chiefs.iter().copied().take(5).collect::<Vec<_>>(),
        ));
        for (u, _) in &all_units {
            let staff: Vec<PersonId> = everyone
                .iter()
                .filter(|p| p.unit_id == Some(u.id))
                .map(|p| p.id)
                .collect();
            all_groups.push((
                name(&format!("Ledningsgrupp {}", u.name)),
                Some(u.id),
                staff.iter().copied().take(10).collect(),
            ));
            if u.parent_id.is_some() {
                for n in 1..=3 {
                    let size = rng.random_range(6..=10);
                    let members = staff.iter().copied().skip(10 * n).take(size).collect();
                    all_groups.push((
                        name(&format!("{} enhetsledning {n}", u.name)),
                        Some(u.id),
                        members,
                    ));
                }
            }
        }
        let extra = ["Digitaliseringsrådet", "Informationssäkerhetsgruppen"];
        for e in extra {
            let members = (0..7)
                .map(|_| everyone[rng.random_range(0..everyone.len())].id)
                .collect();
            all_groups.push((name(e), None, members));
        }
        for (gname, unit, members) in all_groups.into_iter().take(40) {
            let g = LeadershipGroup {
                id: GroupId::new(),
                org_id: o,
                unit_id: unit,
                name: gname,
            };
            groups::insert(&mut tx, &g).await?;
            for m in members {
                groups::add_member(&mut tx, g.id, m).await?;
            }
            group_count += 1;
        }

        // Teams: the lead is someone in the unit who is not its chief, so team leadership and
        // supervision differ, as they often do.
        for (unit_name, team_name) in TEAMS {
            let unit = all_units
                .iter()
                .find(|(u, _)| u.name.as_str() == *unit_name)
                .map(|(u, _)| u.id);
            let t = Team {
                id: TeamId::new(),
                org_id: o,
                unit_id: unit,
                name: name(team_name),
            };
            teams::insert(&mut tx, &t).await?;
            let pool: Vec<&Person> = everyone
                .iter()
                .skip(all_units.len())
                .filter(|p| p.unit_id == unit)
                .collect();
            for (k, p) in pool.iter().take(6).enumerate() {
                let role = if k == 0 { TeamRole::Lead } else { TeamRole::Member };
                let m = TeamMembership {
                    id: TeamMembershipId::new(),
                    org_id: o,
                    team_id: t.id,
                    person_id: p.id,
                    role,
                    period: Period::new(start, None)?,
                };
                relationships::save_team_membership(&mut tx, &m).await?;
                relationship_count += 1;
            }
        }

        // Mentoring across units: chiefs mentor people elsewhere in the organisation.
        for k in 0..30 {
            let mentor = chiefs[k % chiefs.len()];
            let protege =
                everyone[all_units.len() + rng.random_range(0..(everyone.len() - all_units.len()))].id;
            if mentor == protege {
                continue;
            }
            let m = Mentorship {
                id: MentorshipId::new(),
                org_id: o,
                mentor_id: mentor,
                protege_id: protege,
                period: Period::new(NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(), None)?,
            };
            let existing = relationships::mentorships(&mut tx, o).await?;
            if mognad_domain::relationship::check_mentorship(&m, &existing).is_ok() {
                relationships::save_mentorship(&mut tx, &m).await?;
                relationship_count += 1;
            }
        }
        tx.commit().await?;
        let mut answers = self.create_demo_baseline(o).await?;
        self.create_demo_competence(o).await?;
        let focus = self.create_demo_plan(o).await?;
        answers += self.create_demo_follow_up(o, &focus).await?;
        self.create_demo_benchmark(o).await?;
        Ok(DemoSummary {
            answers,
            org: o,
            units: all_units.len(),
            people: everyone.len(),
            groups: group_count,
            teams: TEAMS.len(),
            relationships: relationship_count,
        })
    }
}

/// The demo is built by the system, not by a person: an owner that exists only here.
pub(super) fn system_actor(org: OrgId) -> Result<crate::Actor> {
    Ok(crate::Actor {
        user: mognad_store::users::User {
            id: mognad_domain::ids::UserId::new(),
            email: mognad_domain::text::Email::parse("system@norrvik.example")?,
            display_name: mognad_domain::text::Name::parse("name", "Mognad")?,
            password_hash: String::new(),
            language: Language::Sv,
        },
        org,
        role: mognad_domain::role::Role::Owner,
        via: crate::platform::access::Via {
            client: "demo".into(),
            token: None,
        },
    })
}
