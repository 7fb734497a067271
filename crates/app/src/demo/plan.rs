//! The demo's plan: the five goals, initiatives made from the baseline's three largest gaps
//! with owners and costs, a working board for the IT department, a large service board
//! (10,000 cards, for trying the speed), the leadership programme under way, an agenda, and a
//! public intake form with submissions, some of which describe the same problem.
//!
//! The plan is built through the same use cases a user calls, as the demo's system actor;
//! only the large board's cards are written in one batch.

use super::texts::{REQUESTS, WORK};
use crate::demo::rounds::{Focus, done_in_follow_up};
use crate::plan::boards::BoardInput;
use crate::plan::cards::{MoveInput, TaskInput};
use crate::plan::initiatives::{CostInput, InitiativeInput};
use crate::plan::intake::FormInput;
use crate::{App, Result};
use chrono::{Duration, Utc};
use mognad_domain::ids::{BoardId, GroupId, OrgId};
use mognad_domain::plan::rank;
use mognad_store::boards::{self as store, Task};
use uuid::Uuid;

/// Cards on the demo's large board.
pub const LARGE_BOARD: usize = 10_000;

impl App {
    /// Builds the plan on the closed baseline; returns what its initiatives should have moved
    /// by the follow-up.
    pub(crate) async fn create_demo_plan(&self, org: OrgId) -> Result<Vec<Focus>> {
        let actor = super::system_actor(org)?;
        let goals = self.plan().goals(&actor).await?;
        let baseline = self
            .measurement()
            .rounds(&actor)
            .await?
            .into_iter()
            .find(|r| r.state == "closed");
        let mut initiatives = Vec::new();
        let mut focus = Vec::new();
        // The first initiative is piloted in every other group large enough to be shown that
        // will have answered the follow-up, so the effect view can set them against the rest; the second works with
        // the whole organisation; the third is paused and moves nothing.
        let groups = self.org().groups(&actor).await?;
        let pilots: Vec<GroupId> = groups
            .iter()
            .enumerate()
            .filter(|(gi, g)| done_in_follow_up(*gi) && g.member_ids.len() >= 6)
            .step_by(2)
            .map(|(_, g)| g.id)
            .collect();
        if let Some(round) = baseline {
            let detail = self.measurement().area_detail(&actor, round.id, org.0).await?;
            let people = self.org().all_people(&actor).await?;
            let owner = people
                .iter()
                .find(|p| p.email.as_deref() == Some(crate::demo::OWNER_EMAIL));
            for (k, gap) in detail.gaps.iter().take(3).enumerate() {
                let id = self
                    .plan()
                    .initiative_from_gap(&actor, round.id, None, &gap.engine)
                    .await?;
                let (list, _) = self.plan().initiatives(&actor).await?;
                let i = list.into_iter().find(|i| i.id == id.0).expect("just made");
                let today = Utc::now().date_naive();
                let edit = InitiativeInput {
                    title: i.title.clone(),
                    description: i.description.clone(),
                    goal_id: goals[[2, 1, 4][k]].id.to_string(),
                    owner_id: owner.map(|o| o.id.to_string()).unwrap_or_default(),
                    starts_on: (today - Duration::days(60)).to_string(),
                    ends_on: (today + Duration::days(300)).to_string(),
                    status: if k == 2 { "paused" } else { "active" }.into(),
                    engines: i.engines.clone(),
                    competences: ["strategiskt-tankande", "kommunikation", "omvarldsbevakning"][k].into(),
                    group_ids: match k {
                        0 => pilots.iter().map(|g| g.0.to_string()).collect(),
                        1 => Vec::new(),
                        _ => pilots.iter().take(1).map(|g| g.0.to_string()).collect(),
                    },
                };
                match k {
                    0 => focus.push(Focus {
                        engine: i.engines.clone(),
                        groups: pilots.clone(),
                        gain: 0.16,
                    }),
                    1 => focus.push(Focus {
                        engine: i.engines.clone(),
                        groups: Vec::new(),
                        gain: 0.06,
                    }),
                    _ => {}
                }
                self.plan().save_initiative(&actor, Some(id), &edit).await?;
                for (label, amount, kind) in [
                    ("Utbildning och workshops", "180000", "running"),
                    ("Verktyg och plattform", "450000", "investment"),
                ] {
                    let cost = CostInput {
                        label: label.into(),
                        amount: amount.into(),
                        kind: kind.into(),
                        year: String::new(),
                    };
                    self.plan().add_cost(&actor, id, &cost).await?;
                }
                initiatives.push(id);
            }
        }

        // The IT department's working board, its cards tied to the initiatives.
        let work = self
            .plan()
            .create_board(
                &actor,
                &BoardInput {
                    name: "IT-avdelningens tavla".into(),
                    initiative_id: String::new(),
                },
            )
            .await?;
        let columns = self
            .plan()
            .board(&actor, BoardId(work.id), &Default::default(), None)
            .await?
            .columns;
        let people = self.org().all_people(&actor).await?;
        let it: Vec<_> = people
            .iter()
            .filter(|p| p.title.as_deref() == Some("IT-strateg"))
            .collect();
        for (k, (title, priority, label)) in WORK.iter().enumerate() {
            let input = TaskInput {
                title: (*title).into(),
                description: format!(
                    "Del av planen.\n\n- [ ] Förbered\n- [ ] Genomför\n\nEtikett: **{label}**"
                ),
                priority: (*priority).into(),
                labels: (*label).into(),
                assignee_id: it
                    .get(k % it.len().max(1))
                    .map(|p| p.id.to_string())
                    .unwrap_or_default(),
                initiative_id: initiatives
                    .get(k % initiatives.len().max(1))
                    .map(|i| i.to_string())
                    .unwrap_or_default(),
                due: (Utc::now().date_naive() + Duration::days(7 * k as i64 - 14)).to_string(),
                estimate_hours: ((k % 4 + 1) * 8).to_string(),
                ..Default::default()
            };
            let id = self
                .plan()
                .create_task(&actor, BoardId(work.id), &input, None)
                .await?;
            let column = columns[k % columns.len()].id;
            let to = MoveInput {
                column_id: column.to_string(),
                ..Default::default()
            };
            self.plan().move_task(&actor, id, &to, None).await?;
        }

        // The service desk's board: 10,000 cards, most of them done, written in one batch.
        let desk = self
            .plan()
            .create_board(
                &actor,
                &BoardInput {
                    name: "IT-servicedesk".into(),
                    initiative_id: String::new(),
                },
            )
            .await?;
        let desk_columns = self
            .plan()
            .board(&actor, BoardId(desk.id), &Default::default(), None)
            .await?
            .columns;
        let now = Utc::now();
        let share = [
            LARGE_BOARD / 10,
            LARGE_BOARD / 20,
            LARGE_BOARD / 20,
            LARGE_BOARD * 8 / 10,
        ];
        let mut tx = self.db.write().await?;
        let mut n = 0;
        for (col, count) in desk_columns.iter().zip(share) {
            for (k, r) in rank::spread(count).into_iter().enumerate() {
                n += 1;
                let t = Task {
                    id: Uuid::now_v7(),
                    board_id: desk.id,
                    column_id: col.id.0,
                    rank: r,
                    title: format!("Ärende {n}: {}", REQUESTS[k % REQUESTS.len()].0),
                    description: String::new(),
                    assignee_id: it.get(k % it.len().max(1)).map(|p| p.id.0),
                    priority: ["low", "normal", "normal", "high"][k % 4].into(),
                    due_on: None,
                    labels: ["skrivare", "behörighet", "e-tjänst", "telefoni"][k % 4].into(),
                    initiative_id: None,
                    estimate_hours: Some((k % 3 + 1) as i64),
                    created_at: now - Duration::minutes(n as i64),
                    done_at: col.done.then_some(now - Duration::days((k % 90) as i64)),
                    archived: false,
                };
                store::insert_task(&mut tx, org, &t, t.created_at).await?;
            }
        }
        tx.commit().await?;

        // The leadership programme, begun a month ago, and the next management meeting's agenda.
        let programme = crate::plan::programme::ProgrammeInput {
            starts_on: (Utc::now().date_naive() - Duration::days(30)).to_string(),
            weeks_between: "4".into(),
        };
        self.plan().start_programme(&actor, &programme).await?;
        let agenda = crate::plan::agendas::AgendaInput {
            title: "Ledningsgruppens möte".into(),
            meets_on: (Utc::now().date_naive() + Duration::days(7)).to_string(),
        };
        let agenda = self.plan().create_agenda(&actor, &agenda).await?;
        let first_card = self
            .plan()
            .board(&actor, BoardId(work.id), &Default::default(), None)
            .await?
            .columns[0]
            .cards
            .first()
            .map(|t| t.id.to_string())
            .unwrap_or_default();
        for (task, text) in [
            (String::new(), "Budgetläget"),
            (first_card, "Beslut om nästa steg"),
        ] {
            self.plan()
                .add_point(
                    &actor,
                    agenda,
                    &crate::plan::agendas::PointInput {
                        task_id: task,
                        text: text.into(),
                    },
                )
                .await?;
        }

        // The public intake form feeds the IT department's board; the printer problem recurs.
        let form = FormInput {
            name: "Felanmälan IT".into(),
            board_id: work.id.to_string(),
            public: "1".into(),
            intro: "Beskriv vad som inte fungerar. Lämna gärna e-post så hör vi av oss.".into(),
            fields: "Vad gäller det? | text | required\nBeskriv gärna mer | long\nHur brådskande? | choice | | Kan vänta; Hindrar arbetet".into(),
        };
        let form_id = self.plan().save_intake_form(&actor, None, &form).await?;
        let slug = self.plan().intake_form(&actor, form_id).await?.slug;
        for (k, (what, contact)) in REQUESTS.iter().enumerate() {
            let answers = vec![
                ("f1".to_owned(), (*what).to_owned()),
                (
                    "f3".to_owned(),
                    if k % 2 == 0 {
                        "Hindrar arbetet"
                    } else {
                        "Kan vänta"
                    }
                    .to_owned(),
                ),
            ];
            self.plan()
                .submit_intake(&slug, None, &answers, contact, &format!("demo-{k}"))
                .await?;
        }
        Ok(focus)
    }
}
