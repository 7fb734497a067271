//! The demo's competence data: the shipped framework with target roles for the IT department,
//! assessments with a year of history from self, manager and peers, grid placements, plans,
//! and the technology radar with its scanning log.
//!
//! Levels are seeded so the IT department's competence map shows a planted coverage risk:
//! only the first IT strategist reaches the environment-scanning level the role requires.

use super::texts::{BLIPS, SIGNALS};
use crate::competence::frameworks::stored;
use crate::{App, Result};
use chrono::{Duration, Utc};
use mognad_domain::competence::assessment::{Assessment, Source};
use mognad_domain::competence::{self, grid::Grid};
use mognad_domain::ids::{OrgId, PersonId};
use mognad_store::assessments::{self as store, Profile};
use mognad_store::development::{self, Placement, StoredAction, Subject};
use mognad_store::scanning::{self, Signal, StoredBlip};
use mognad_store::{frameworks, people, units};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

impl App {
    pub(crate) async fn create_demo_competence(&self, org: OrgId) -> Result<()> {
        let mut rng = StdRng::seed_from_u64(2019);
        let now = Utc::now();
        let shipped = competence::builtin();
        let mut tx = self.db.write().await?;
        let row = stored(org.0, shipped, competence::builtin_source());
        frameworks::insert_if_absent(&mut tx, &row, now).await?;
        let fw = row.id;
        let it = units::list(&mut tx, org)
            .await?
            .into_iter()
            .find(|u| u.name.as_str() == "IT-avdelningen")
            .map(|u| u.id);
        let staff: Vec<_> = people::all(&mut tx, org)
            .await?
            .into_iter()
            .filter(|p| p.unit_id == it && p.unit_id.is_some())
            .collect();
        let title =
            |p: &mognad_domain::people::Person| p.title.as_ref().map(|t| t.to_string()).unwrap_or_default();
        let chief = staff.iter().find(|p| title(p) == "Avdelningschef").map(|p| p.id);
        let strategists: Vec<PersonId> = staff
            .iter()
            .filter(|p| title(p) == "IT-strateg")
            .map(|p| p.id)
            .collect();
        let order: Vec<&str> = shipped
            .areas
            .iter()
            .flat_map(|a| &a.competences)
            .map(|c| c.id.as_str())
            .collect();

        for p in &staff {
            let role = match title(p).as_str() {
                "Avdelningschef" => Some("it-chef"),
                "IT-strateg" => Some("it-strateg"),
                "Utvecklingsledare" | "Verksamhetsutvecklare" => Some("digital-forandringsledare"),
                _ => None,
            };
            let profile = Profile {
                person_id: p.id.0,
                framework_id: Some(fw),
                role_key: role.map(str::to_owned),
                mentor_may_see: strategists.first() == Some(&p.id),
            };
            store::save_profile(&mut tx, org, &profile, now).await?;
            if role.is_none() {
                continue;
            }
            let first = strategists.first() == Some(&p.id);
            let peer = staff
                .iter()
                .find(|q| q.id != p.id && Some(q.id) != chief)
                .map(|q| q.id.0);
            let mut history = Vec::new();
            for c in &order {
                let base: u8 = if first { 3 } else { rng.random_range(1..=3) };
                let scanning_cap = *c == "omvarldsbevakning" && !first;
                let planted = *c == "omvarldsbevakning" && first;
                // The first strategist and the chief meet every requirement by now, so the
                // one planted risk (scanning held by one person) is the only one shown.
                let strong = first || Some(p.id) == chief;
                let later = |rng: &mut StdRng| {
                    let l = (base + rng.random_range(0..=2)).min(5);
                    if planted {
                        5
                    } else if scanning_cap {
                        l.min(3)
                    } else if strong {
                        5
                    } else {
                        l
                    }
                };
                let mut add = |source, level, assessor: Option<Uuid>, days: i64, note: &str| {
                    history.push(Assessment {
                        id: Uuid::now_v7(),
                        competence: (*c).to_owned(),
                        source,
                        level,
                        note: note.to_owned(),
                        assessor,
                        at: now - Duration::days(days) + Duration::minutes(history.len() as i64),
                    });
                };
                add(Source::Own, base, Some(p.id.0), 330, "Nulägesbedömning");
                if Some(p.id) != chief {
                    add(
                        Source::Manager,
                        base,
                        chief.map(|c| c.0),
                        320,
                        "Utvecklingssamtal",
                    );
                }
                let own = later(&mut rng);
                add(
                    Source::Own,
                    own,
                    Some(p.id.0),
                    45,
                    "Efter ett år i utvecklingsplanen",
                );
                if Some(p.id) != chief {
                    let m = later(&mut rng);
                    add(Source::Manager, m, chief.map(|c| c.0), 40, "Uppföljning");
                }
                let level = later(&mut rng);
                add(Source::Peer, level, peer, 35, "");
            }
            for a in &history {
                store::insert(&mut tx, org, p.id, fw, a).await?;
            }
            let levels = mognad_domain::competence::versions::levels(&order, &history);
            store::put_levels(&mut tx, p.id, fw, &levels).await?;
        }

        // Grids: the strategists aim for the strategic expert's quadrant; roles are placed too.
        let quadrants = Grid::default_quadrants();
        let place = |now_cell: (i64, i64), target: Option<(i64, i64)>, days: i64| Placement {
            id: Uuid::now_v7(),
            grid_key: quadrants.id.clone(),
            now_column: now_cell.0,
            now_row: now_cell.1,
            target_column: target.map(|t| t.0),
            target_row: target.map(|t| t.1),
            created_at: now - Duration::days(days),
        };
        for (k, s) in strategists.iter().enumerate() {
            let subject = Subject::Person(*s);
            development::place(&mut tx, org, &subject, &place((0, 0), Some((1, 1)), 330)).await?;
            let today = if k % 2 == 0 { (0, 1) } else { (1, 0) };
            development::place(&mut tx, org, &subject, &place(today, Some((1, 1)), 40)).await?;
            let actions = [
                (
                    "Kurs i verksamhetsarkitektur",
                    "course",
                    "strategiskt-tankande",
                    200,
                    "done",
                ),
                (
                    "Mentorskap med CIO i grannkommunen",
                    "mentoring",
                    "omvarldsbevakning",
                    60,
                    "started",
                ),
                (
                    "Leda införandet av e-arkivet",
                    "assignment",
                    "resultatfokus kommunikation",
                    -90,
                    "planned",
                ),
                (
                    "Läsa och presentera en omvärldsrapport",
                    "reading",
                    "omvarldsbevakning",
                    10,
                    "planned",
                ),
            ];
            for (title, kind, competences, due_ago, status) in actions {
                let a = StoredAction {
                    id: Uuid::now_v7(),
                    person_id: s.0,
                    title: title.into(),
                    kind: kind.into(),
                    competences: competences.into(),
                    due_on: Some((now - Duration::days(due_ago)).date_naive()),
                    status: status.into(),
                };
                development::insert_action(&mut tx, org, &a, now).await?;
            }
        }
        for (role, cell) in [
            ("it-strateg", (1, 1)),
            ("it-chef", (1, 1)),
            ("digital-forandringsledare", (1, 0)),
        ] {
            let subject = Subject::Role {
                framework: fw,
                role: role.into(),
            };
            development::place(&mut tx, org, &subject, &place(cell, None, 300)).await?;
        }

        for (name, quadrant, ring, note) in BLIPS {
            let b = StoredBlip {
                id: Uuid::now_v7(),
                name: (*name).into(),
                quadrant: (*quadrant).into(),
                ring: (*ring).into(),
                note: (*note).into(),
            };
            scanning::save_blip(&mut tx, org, &b, now).await?;
        }
        for (days, source, signal) in SIGNALS {
            let s = Signal {
                id: Uuid::now_v7(),
                noted_on: (now - Duration::days(*days)).date_naive(),
                source: (*source).into(),
                signal: (*signal).into(),
                link: None,
            };
            scanning::insert_signal(&mut tx, org, &s, now).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
