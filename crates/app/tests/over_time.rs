//! Anonymity as a property over time: random sequences of administrator actions (open and
//! close rounds, answer, move and rename groups, take members out and add new ones, change the
//! threshold, remind) interleaved with reads of every round's results and comparisons. The
//! union of everything a closed round has ever shown must never isolate fewer than the k its
//! respondents were promised, and an open round must show no results at all.
//!
//! "Isolate" is judged as an attacker would: each shown aggregate is the sum of its groups'
//! answers, so any set of groups whose indicator lies in the span of the shown sets is known.
//! Shown to fail with the freeze removed (results from today's directory and threshold): the
//! feature `unfrozen` removes it, and CI checks that this test then fails.

mod common;

use mognad_app::measurement::rounds::RoundInput;
use mognad_app::org::directory::{NamedInput, PersonInput, UnitInput};
use mognad_app::org::organisations::SettingsInput;
use mognad_app::platform::mail::{Invitation, MailConfig, Mailer, SmtpTls};
use mognad_app::{Actor, App};
use mognad_domain::answer::complete_form;
use mognad_domain::ids::{GroupId, RoundId};
use mognad_domain::org::Language;
use mognad_domain::role::Role;
use mognad_store::{responses, testdb};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::{BTreeSet, HashMap};
use uuid::Uuid;

const ORGANISATIONS: u64 = 6;
const STEPS: usize = 28;

struct Round {
    id: Uuid,
    /// The threshold when it opened: what its respondents were promised.
    k: i64,
    unused: Vec<String>,
    closed: bool,
    /// Every group set the round has shown.
    released: BTreeSet<Vec<Uuid>>,
}

struct World {
    app: App,
    a: Actor,
    units: Vec<Uuid>,
    groups: Vec<Uuid>,
    k: i64,
    rounds: Vec<Round>,
    mailer: Mailer,
    people: usize,
}

/// Whether `target` lies in the span of `rows` (vectors over the same coordinates).
fn in_span(rows: &[Vec<f64>], target: &[f64]) -> bool {
    let rank = |m: &mut Vec<Vec<f64>>| -> usize {
        let cols = target.len();
        let mut r = 0;
        for c in 0..cols {
            let Some(p) = (r..m.len()).find(|&i| m[i][c].abs() > 1e-9) else {
                continue;
            };
            m.swap(r, p);
            let pivot = m[r].clone();
            for (i, row) in m.iter_mut().enumerate() {
                if i != r && row[c].abs() > 1e-9 {
                    let f = row[c] / pivot[c];
                    for (x, p) in row.iter_mut().zip(&pivot) {
                        *x -= f * p;
                    }
                }
            }
            r += 1;
        }
        r
    };
    let mut without = rows.to_vec();
    let mut with = rows.to_vec();
    with.push(target.to_vec());
    rank(&mut without) == rank(&mut with)
}

/// Fails when the round's released sets let one work out the sum over a set of groups holding
/// between 1 and k − 1 answers.
async fn check_released(w: &World, r: &Round) {
    let mut tx = w.app.db.read().await.unwrap();
    let n: HashMap<Uuid, u64> = responses::tallies(&mut tx, RoundId(r.id))
        .await
        .unwrap()
        .into_iter()
        .map(|(g, t)| (g, t.n))
        .collect();
    tx.rollback().await.unwrap();
    // Groups without answers add nothing to any sum: only the others are coordinates.
    let coords: Vec<Uuid> = n.iter().filter(|(_, v)| **v > 0).map(|(g, _)| *g).collect();
    let rows: Vec<Vec<f64>> = r
        .released
        .iter()
        .map(|set| {
            coords
                .iter()
                .map(|g| f64::from(u8::from(set.contains(g))))
                .collect()
        })
        .collect();
    for mask in 1u32..(1 << coords.len()) {
        let total: u64 = (0..coords.len())
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| n[&coords[i]])
            .sum();
        if total as i64 >= r.k {
            continue;
        }
        let target: Vec<f64> = (0..coords.len())
            .map(|i| f64::from(u8::from(mask & (1 << i) != 0)))
            .collect();
        assert!(
            !in_span(&rows, &target),
            "round with k={} released {:?} over groups {:?} with answers {:?}: groups {mask:b} ({total} answers) can be worked out",
            r.k,
            r.released,
            coords,
            coords.iter().map(|g| n[g]).collect::<Vec<_>>()
        );
    }
}

/// Reads every round's results and each comparison with the round before, records what they
/// show, and checks the lot.
async fn read_all(w: &mut World) {
    for i in 0..w.rounds.len() {
        let res = w
            .app
            .measurement()
            .results(&w.a, RoundId(w.rounds[i].id))
            .await
            .unwrap();
        let areas: Vec<_> = std::iter::once(&res.organisation)
            .chain(&res.units)
            .chain(&res.groups)
            .collect();
        if !w.rounds[i].closed {
            assert!(
                areas.iter().all(|x| !x.visible && x.scores.is_empty()),
                "an open round showed results"
            );
            continue;
        }
        for x in areas.iter().filter(|x| x.visible) {
            let mut set = x.groups.clone();
            set.sort();
            w.rounds[i].released.insert(set);
        }
        if i > 0 && w.rounds[i - 1].closed {
            let before = w
                .app
                .measurement()
                .results(&w.a, RoundId(w.rounds[i - 1].id))
                .await
                .unwrap();
            let c = w
                .app
                .measurement()
                .compare(&w.a, RoundId(w.rounds[i - 1].id), RoundId(w.rounds[i].id))
                .await
                .unwrap();
            for x in c.areas.iter().filter(|x| x.visible) {
                // A change is shown only from areas both rounds show.
                assert!(res.area(x.id).unwrap().visible && before.area(x.id).unwrap().visible);
            }
        }
        check_released(w, &w.rounds[i]).await;
    }
}

async fn world(app: App, rng: &mut StdRng, n: u64, mail: &std::path::Path) -> World {
    let a = common::actor(
        &app,
        &format!("admin{n}@ekby.se"),
        &format!("Kommun {n}"),
        Role::Admin,
    )
    .await;
    let mut units = Vec::new();
    for u in 0..rng.random_range(2..=4) {
        let parent =
            (!units.is_empty() && rng.random_bool(0.6)).then(|| units[rng.random_range(0..units.len())]);
        let input = UnitInput {
            name: format!("Enhet {u}"),
            parent_id: parent.map(|p: Uuid| p.to_string()),
            ..Default::default()
        };
        units.push(app.org().save_unit(&a, None, &input).await.unwrap().id.0);
    }
    let mut groups = Vec::new();
    for g in 0..rng.random_range(2..=5) {
        let unit = units[rng.random_range(0..units.len())];
        groups.push(common::group_of(&app, &a, &format!("G{g}"), Some(unit), rng.random_range(1..=8)).await);
    }
    let mailer = Mailer::new(&MailConfig {
        smtp_host: None,
        smtp_port: 25,
        smtp_tls: SmtpTls::None,
        smtp_ca_file: None,
        smtp_user: None,
        smtp_password: None,
        from: "Mognad <mognad@ekby.se>".into(),
        folder: mail.to_path_buf(),
    })
    .unwrap();
    World {
        app,
        a,
        units,
        groups,
        k: 5,
        rounds: Vec::new(),
        mailer,
        people: 0,
    }
}

async fn answer_some(w: &mut World, rng: &mut StdRng, i: usize) {
    let model = w.app.measurement().models(&w.a).await.unwrap()[0].id;
    let m = w.app.measurement().model(&w.a, model).await.unwrap();
    let take = rng.random_range(0..=w.rounds[i].unused.len());
    for token in w.rounds[i].unused.drain(..take).collect::<Vec<_>>() {
        let f = complete_form(&m, |it| rng.random_range(1..=it.answer_count()), 3);
        w.app.measurement().submit_answers(&token, &f).await.unwrap();
    }
}

async fn step(w: &mut World, rng: &mut StdRng) {
    let open: Vec<usize> = (0..w.rounds.len()).filter(|&i| !w.rounds[i].closed).collect();
    let g = w.groups[rng.random_range(0..w.groups.len())];
    match rng.random_range(0..9) {
        0 if open.len() < 2 && w.rounds.len() < 4 => {
            let model = w.app.measurement().models(&w.a).await.unwrap()[0].id;
            let input = RoundInput {
                name: format!("T{}", w.rounds.len()),
                model_id: model.to_string(),
                ..Default::default()
            };
            let id = w.app.measurement().create_round(&w.a, &input).await.unwrap().id;
            let links = w.app.measurement().issue_invitations(&w.a, id).await.unwrap();
            w.app
                .measurement()
                .set_round_state(&w.a, id, "open")
                .await
                .unwrap();
            let unused = links.into_iter().map(|l| l.token).collect();
            w.rounds.push(Round {
                id: id.0,
                k: w.k,
                unused,
                closed: false,
                released: BTreeSet::new(),
            });
            let i = w.rounds.len() - 1;
            answer_some(w, rng, i).await;
        }
        1 if !open.is_empty() => {
            let i = open[rng.random_range(0..open.len())];
            answer_some(w, rng, i).await
        }
        2 if !open.is_empty() => {
            let i = open[rng.random_range(0..open.len())];
            w.app
                .measurement()
                .set_round_state(&w.a, RoundId(w.rounds[i].id), "closed")
                .await
                .unwrap();
            w.rounds[i].closed = true;
        }
        3 | 4 => {
            // Move the group to another unit (or none), under a new name.
            let cur = w.app.org().group(&w.a, GroupId(g)).await.unwrap();
            let unit = rng
                .random_bool(0.8)
                .then(|| w.units[rng.random_range(0..w.units.len())]);
            let input = NamedInput {
                name: format!("{} x", cur.name),
                unit_id: unit.map(|u| u.to_string()),
            };
            w.app
                .org()
                .save_group(&w.a, Some(GroupId(g)), &input)
                .await
                .unwrap();
        }
        5 => {
            let members = w.app.org().group(&w.a, GroupId(g)).await.unwrap().member_ids;
            if let Some(p) = members.first() {
                w.app
                    .org()
                    .set_group_member(&w.a, GroupId(g), *p, false)
                    .await
                    .unwrap();
            }
        }
        6 => {
            w.people += 1;
            let p = PersonInput {
                name: format!("Ny {}", w.people),
                ..Default::default()
            };
            let p = w.app.org().save_person(&w.a, None, &p).await.unwrap();
            w.app
                .org()
                .set_group_member(&w.a, GroupId(g), p.id, true)
                .await
                .unwrap();
        }
        7 => {
            w.k = rng.random_range(3..=7);
            let org = w.app.org().organisation(&w.a).await.unwrap();
            let input = SettingsInput {
                name: org.settings.name.to_string(),
                language: "sv".into(),
                anonymity_threshold: w.k.to_string(),
            };
            w.app.org().update_settings(&w.a, &input).await.unwrap();
        }
        8 if !open.is_empty() => {
            let about = Invitation {
                round: "T",
                org: "Kommun",
                language: Language::Sv,
                base_url: "http://localhost",
                reminder: true,
            };
            let i = open[rng.random_range(0..open.len())];
            w.app
                .measurement()
                .remind(&w.a, RoundId(w.rounds[i].id), &w.mailer, &about)
                .await
                .unwrap();
            // A reminder replaces the links of those who have not answered.
            w.rounds[i].unused.clear();
        }
        _ => {}
    }
}

#[tokio::test]
async fn nothing_ever_released_isolates_fewer_than_k_answers() {
    for t in testdb::backends().await {
        let mut closed = 0;
        for n in 0..ORGANISATIONS {
            let mut rng = StdRng::seed_from_u64(0x7a11 + n);
            let mail = tempfile::tempdir().unwrap();
            let mut w = world(App::new(t.db.clone()), &mut rng, n, mail.path()).await;
            for _ in 0..STEPS {
                step(&mut w, &mut rng).await;
                read_all(&mut w).await;
            }
            closed += w
                .rounds
                .iter()
                .filter(|r| r.closed && !r.released.is_empty())
                .count();
        }
        assert!(
            closed >= 3,
            "the generator must close rounds that show something ({closed})"
        );
        t.cleanup().await.unwrap();
    }
}
