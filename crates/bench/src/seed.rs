//! The data generator: an organisation with one open round, any number of stored answers
//! (written through the same batch writer as real submits, so counts and sums are kept as in
//! production) and the groups' members with fresh personal links for the load driver.

use anyhow::Result;
use chrono::Utc;
use mognad_app::measurement::submit::{Submission, write_batch};
use mognad_app::platform::accounts;
use mognad_domain::answer::Answers;
use mognad_domain::ids::{GroupId, ModelId, OrgId, PersonId, RoundId};
use mognad_domain::model;
use mognad_domain::org::{AnonymityThreshold, Language, OrgSettings, Organisation};
use mognad_domain::people::{LeadershipGroup, Person};
use mognad_domain::round::{Round, RoundState};
use mognad_domain::text::Name;
use mognad_store::invitations::{self, NewInvitation};
use mognad_store::models::{self, StoredModel};
use mognad_store::{Db, groups, orgs, people, rounds};
use rand::Rng;
use std::io::Write;
use std::time::Instant;

const BATCH: usize = 5000;

pub async fn run(url: &str, responses: usize, group_count: usize, tokens: usize, out: &str) -> Result<()> {
    let started = Instant::now();
    let db = Db::connect(url).await?;
    db.migrate().await?;
    let m = &model::builtin()[0];
    let org = OrgId::new();
    let mut tx = db.write().await?;
    let name = format!("Bench {}", &org.0.simple().to_string()[..8]);
    orgs::insert(
        &mut tx,
        &Organisation {
            id: org,
            settings: OrgSettings {
                name: Name::parse("name", &name)?,
                language: Language::Sv,
                anonymity_threshold: AnonymityThreshold::DEFAULT,
            },
        },
        Utc::now(),
    )
    .await?;
    let model_id = uuid::Uuid::now_v7();
    models::insert(
        &mut tx,
        &StoredModel {
            id: model_id,
            org_id: org.0,
            model_key: m.id.clone(),
            version: i64::from(m.version),
            name_sv: m.name.sv.clone(),
            name_en: m.name.en.clone(),
            source: model::builtin_sources()[0].to_owned(),
        },
        Utc::now(),
    )
    .await?;
    let round = Round {
        id: RoundId::new(),
        org_id: org,
        model_id: ModelId(model_id),
        name: Name::parse("name", "Bench round")?,
        state: RoundState::Open,
        opens_on: None,
        closes_on: None,
    };
    rounds::insert(&mut tx, &round, Utc::now()).await?;
    let mut group_ids = Vec::new();
    for i in 0..group_count {
        let g = LeadershipGroup {
            id: GroupId::new(),
            org_id: org,
            unit_id: None,
            name: Name::parse("name", &format!("Grupp {i:03}"))?,
        };
        groups::insert(&mut tx, &g).await?;
        rounds::add_group(&mut tx, round.id, g.id).await?;
        group_ids.push(g.id);
    }
    // The load driver's respondents are the groups' members with personal links, as in a
    // real round (shared links would be capped at the members anyway).
    let mut respondents = Vec::with_capacity(tokens);
    for i in 0..tokens {
        let p = Person {
            id: PersonId::new(),
            org_id: org,
            name: Name::parse("name", &format!("Person {i:05}"))?,
            email: None,
            unit_id: None,
            title: None,
        };
        people::insert(&mut tx, &p).await?;
        let g = group_ids[i % group_ids.len()];
        groups::add_member(&mut tx, g, p.id).await?;
        respondents.push((g, p.id));
    }
    mognad_app::measurement::freeze::freeze(&mut tx, org, round.id, AnonymityThreshold::DEFAULT.get())
        .await?;
    tx.commit().await?;

    let mut rng = rand::rng();
    let mut done = 0;
    while done < responses {
        let n = BATCH.min(responses - done);
        let mut tx = db.write().await?;
        let mut batch = Vec::with_capacity(n);
        for _ in 0..n {
            let g = group_ids[rng.random_range(0..group_ids.len())];
            let hash = format!("{:032x}", rng.random::<u128>());
            let inv = NewInvitation {
                round: round.id,
                group: g,
                person: None,
                token_hash: &hash,
                fixed: true,
            };
            invitations::insert(&mut tx, &inv, Utc::now()).await?;
            let mut a = Answers::empty(m);
            let mut i = 0;
            for e in &m.engines {
                for item in &e.items {
                    a.values[i] = rng.random_range(1..=item.answer_count());
                    i += 1;
                }
            }
            a.importance.iter_mut().for_each(|v| *v = rng.random_range(1..=5));
            batch.push(Submission::new(hash, round.id.0, g.0, m, &a));
        }
        tx.commit().await?;
        write_batch(&db, &batch).await?;
        done += n;
    }
    let mut file = std::io::BufWriter::new(std::fs::File::create(out)?);
    let mut tx = db.write().await?;
    for (g, p) in &respondents {
        let token = accounts::random_token();
        let inv = NewInvitation {
            round: round.id,
            group: *g,
            person: Some(*p),
            token_hash: &accounts::token_hash(&token),
            fixed: true,
        };
        invitations::insert(&mut tx, &inv, Utc::now()).await?;
        writeln!(file, "{token}")?;
    }
    tx.commit().await?;
    file.flush()?;
    println!(
        "seeded org {} round {}: {responses} answers in {group_count} groups, {tokens} links in {out} ({:.1} s)",
        org.0,
        round.id.0,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
