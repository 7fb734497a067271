//! The anonymity rules as a property over randomly generated organisations: random unit trees,
//! random groups attached anywhere, random numbers of answers and thresholds. Whatever the
//! shape, no result, API view or export may reveal a group below k, directly or by subtracting
//! what is shown (differencing).

use mognad_app::measurement::rounds::RoundInput;
use mognad_app::org::directory::{NamedInput, PersonInput, UnitInput};
use mognad_app::{Actor, App};
use mognad_domain::answer::complete_form;
use mognad_domain::ids::RoundId;
use mognad_domain::org::{AnonymityThreshold, Language, OrgSettings};
use mognad_domain::role::Role;
use mognad_domain::text::Name;
use mognad_store::testdb;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

const ORGANISATIONS: usize = 12;

async fn random_org(app: &App, rng: &mut StdRng, n: usize) -> (Actor, Uuid, i64) {
    let user = app
        .platform()
        .create_user(
            &format!("admin{n}@ekby.se"),
            "Admin",
            "ett långt lösenord",
            Language::Sv,
        )
        .await
        .unwrap();
    let k = rng.random_range(3..=6);
    let settings = OrgSettings {
        name: Name::parse("name", &format!("Kommun {n}")).unwrap(),
        language: Language::Sv,
        anonymity_threshold: AnonymityThreshold::parse(k).unwrap(),
    };
    let org = app.org().create_org(settings, Some(user.id)).await.unwrap();
    app.platform()
        .grant_role(user.id, org.id, Role::Admin)
        .await
        .unwrap();
    let a = app.platform().actor(user, org.id).await.unwrap();
    // A random unit tree: each new unit hangs under a random earlier one, or at the top.
    let mut units: Vec<Uuid> = Vec::new();
    for u in 0..rng.random_range(1..=5) {
        let parent =
            (!units.is_empty() && rng.random_bool(0.6)).then(|| units[rng.random_range(0..units.len())]);
        let input = UnitInput {
            name: format!("Enhet {u}"),
            parent_id: parent.map(|p| p.to_string()),
            ..Default::default()
        };
        units.push(app.org().save_unit(&a, None, &input).await.unwrap().id.0);
    }
    let mut people = 0;
    for g in 0..rng.random_range(2..=6) {
        let unit = rng
            .random_bool(0.85)
            .then(|| units[rng.random_range(0..units.len())]);
        let group = app
            .org()
            .save_group(
                &a,
                None,
                &NamedInput {
                    name: format!("Grupp {g}"),
                    unit_id: unit.map(|u| u.to_string()),
                },
            )
            .await
            .unwrap();
        for _ in 0..rng.random_range(0..=9) {
            let p = app
                .org()
                .save_person(
                    &a,
                    None,
                    &PersonInput {
                        name: format!("Person {people}"),
                        ..Default::default()
                    },
                )
                .await
                .unwrap();
            people += 1;
            app.org()
                .set_group_member(&a, group.id, p.id, true)
                .await
                .unwrap();
        }
    }
    let model = app.measurement().models(&a).await.unwrap()[0].id;
    let round = app
        .measurement()
        .create_round(
            &a,
            &RoundInput {
                name: "T0".into(),
                model_id: model.to_string(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let links = app.measurement().issue_invitations(&a, round.id).await.unwrap();
    app.measurement()
        .set_round_state(&a, round.id, "open")
        .await
        .unwrap();
    let m = app.measurement().model(&a, model).await.unwrap();
    for l in links {
        if !rng.random_bool(0.75) {
            continue;
        }
        let f = complete_form(&m, |it| rng.random_range(1..=it.answer_count()), 3);
        app.measurement().submit_answers(&l.token, &f).await.unwrap();
    }
    // Results show only once a round has closed.
    app.measurement()
        .set_round_state(&a, round.id, "closed")
        .await
        .unwrap();
    (a, round.id.0, k)
}

async fn check(app: &App, a: &Actor, round: Uuid, k: i64) -> usize {
    let res = app.measurement().results(a, RoundId(round)).await.unwrap();
    let n: HashMap<Uuid, i64> = res.groups.iter().map(|g| (g.id, g.n)).collect();
    let areas: Vec<_> = std::iter::once(&res.organisation)
        .chain(&res.units)
        .chain(&res.groups)
        .collect();
    let shown: Vec<_> = areas.iter().filter(|x| x.visible).collect();
    for x in &areas {
        if x.visible {
            assert!(x.n >= k, "{} shown with {} < k={k}", x.name, x.n);
        } else {
            assert!(x.scores.is_empty(), "{} is withheld but carries scores", x.name);
            let d = app
                .measurement()
                .area_detail(a, RoundId(round), x.id)
                .await
                .unwrap();
            assert!(d.engines.is_empty() && d.comments.is_empty() && d.gaps.is_empty());
        }
    }
    // Differencing: a shown area minus any union of shown areas inside it leaves 0 or ≥ k.
    for x in &shown {
        let subs: Vec<HashSet<Uuid>> = shown
            .iter()
            .filter(|y| y.id != x.id && y.groups.iter().all(|g| x.groups.contains(g)))
            .map(|y| y.groups.iter().copied().collect())
            .collect();
        assert!(subs.len() < 16, "too many nested areas to enumerate");
        for mask in 0u32..(1 << subs.len()) {
            let cut: HashSet<Uuid> = subs
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .flat_map(|(_, s)| s.iter().copied())
                .collect();
            let rest: i64 = x.groups.iter().filter(|g| !cut.contains(g)).map(|g| n[g]).sum();
            assert!(
                rest == 0 || rest >= k,
                "{} minus shown parts leaves {rest} < k={k}",
                x.name
            );
        }
    }
    // The answers export holds rows of shown groups only.
    let visible: HashSet<String> = res
        .groups
        .iter()
        .filter(|g| g.visible)
        .map(|g| g.name.clone())
        .collect();
    let mut rx = app.measurement().stream_answers(a, RoundId(round)).await.unwrap();
    let mut csv = String::new();
    while let Some(chunk) = rx.recv().await {
        csv.push_str(&chunk.unwrap());
    }
    let mut per_group: HashMap<String, i64> = HashMap::new();
    for line in csv.lines().skip(1) {
        let label = line.split(',').next().unwrap().to_owned();
        assert!(
            visible.contains(&label),
            "the export holds a row of withheld group {label}"
        );
        *per_group.entry(label).or_default() += 1;
    }
    for g in res.groups.iter().filter(|g| g.visible) {
        assert_eq!(per_group.get(&g.name).copied().unwrap_or(0), g.n);
    }
    shown.len()
}

#[tokio::test]
async fn no_view_reveals_a_group_below_k_in_random_organisations() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let mut rng = StdRng::seed_from_u64(0x5eed);
        let mut shown = 0;
        for n in 0..ORGANISATIONS {
            let (a, round, k) = random_org(&app, &mut rng, n).await;
            shown += check(&app, &a, round, k).await;
        }
        assert!(
            shown > ORGANISATIONS,
            "the generator must produce shown areas too ({shown})"
        );
        t.cleanup().await.unwrap();
    }
}
