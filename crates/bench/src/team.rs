//! The team competence map at scale: a unit of `people` people assessed on a framework of
//! `competences` competences (self and manager, a year apart), then the map timed in process
//! and, with a server running on the same database, as a page over HTTP.

use crate::timing::{admin, summary};
use anyhow::{Context, Result};
use chrono::{Duration, Utc};
use mognad_app::App;
use mognad_app::competence::team_map::Scope;
use mognad_domain::competence::assessment::{self, Assessment, Source};
use mognad_domain::ids::{OrgId, PersonId, UnitId};
use mognad_domain::org::{AnonymityThreshold, Language, OrgSettings};
use mognad_domain::people::{Person, Unit};
use mognad_domain::text::{Email, Name};
use mognad_store::assessments::{self, Profile};
use mognad_store::{Db, people, units};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::fmt::Write;
use std::time::Instant;
use uuid::Uuid;

/// A framework file with `n` competences in areas of ten and one role requiring all of them.
fn framework(n: usize) -> String {
    let text = |s: &str| format!("{{ sv = \"{s}\", en = \"{s}\" }}");
    let mut f = format!(
        "format = \"mognad-framework-1\"\nid = \"bench\"\nversion = 1\nname = {}\ndescription = {}\n",
        text("Bench"),
        text("Generated for the benchmark")
    );
    for l in 1..=5 {
        let _ = write!(
            f,
            "\n[[level]]\nname = {}\ndescription = {}\n",
            text(&format!("Nivå {l}")),
            text("–")
        );
    }
    let mut requires = Vec::new();
    for c in 0..n {
        if c % 10 == 0 {
            let _ = write!(
                f,
                "\n[[area]]\nid = \"area-{c}\"\nname = {}\ndescription = {}\n",
                text(&format!("Område {c}")),
                text("–")
            );
        }
        let _ = write!(
            f,
            "\n[[area.competence]]\nid = \"k{c}\"\nname = {}\ndescription = {}\n",
            text(&format!("Kompetens nummer {c}")),
            text("–")
        );
        requires.push(format!("k{c} = {}", 2 + c % 3));
    }
    let _ = write!(
        f,
        "\n[[role]]\nid = \"alla\"\nname = {}\ndescription = {}\nrequires = {{ {} }}\n",
        text("Alla"),
        text("–"),
        requires.join(", ")
    );
    f
}

pub async fn seed(url: &str, n_people: usize, n_competences: usize) -> Result<()> {
    let db = Db::connect(url).await?;
    db.migrate().await?;
    let app = App::new(db);
    let settings = OrgSettings {
        name: Name::parse("name", &format!("Team bench {}", Uuid::new_v4().simple()))?,
        language: Language::Sv,
        anonymity_threshold: AnonymityThreshold::DEFAULT,
    };
    let org = app.org().create_org(settings, None).await?;
    let (_, actor) = admin(&app, org.id).await?;
    let fw = app
        .competence()
        .upload_framework(&actor, &framework(n_competences))
        .await?
        .id;
    let mut rng = StdRng::seed_from_u64(60);
    let now = Utc::now();
    let mut tx = app.db.write().await?;
    let unit = Unit {
        id: UnitId::new(),
        org_id: org.id,
        parent_id: None,
        name: Name::parse("name", "Stora enheten")?,
        kind: None,
    };
    units::insert(&mut tx, &unit).await?;
    for i in 0..n_people {
        let p = Person {
            id: PersonId::new(),
            org_id: org.id,
            name: Name::parse("name", &format!("Person {i:04}"))?,
            email: Some(Email::parse(&format!("p{i}@team.bench"))?),
            unit_id: Some(unit.id),
            title: None,
        };
        people::insert(&mut tx, &p).await?;
        let profile = Profile {
            person_id: p.id.0,
            framework_id: Some(fw.0),
            role_key: Some("alla".into()),
            mentor_may_see: false,
        };
        assessments::save_profile(&mut tx, org.id, &profile, now).await?;
        let mut levels = assessments::Levels::new();
        for c in 0..n_competences {
            let competence = format!("k{c}");
            let history: Vec<Assessment> = [(Source::Own, 300), (Source::Manager, 30)]
                .into_iter()
                .map(|(source, days)| Assessment {
                    id: Uuid::now_v7(),
                    competence: competence.clone(),
                    source,
                    level: rng.random_range(1..=5),
                    note: String::new(),
                    assessor: None,
                    at: now - Duration::days(days),
                })
                .collect();
            for a in &history {
                assessments::insert(&mut tx, org.id, p.id, fw.0, a).await?;
            }
            let refs: Vec<&Assessment> = history.iter().collect();
            let level = assessment::combined(&refs).context("assessed")?;
            levels.insert(competence, f64::from(level));
        }
        assessments::put_levels(&mut tx, p.id, fw.0, &levels).await?;
    }
    tx.commit().await?;
    println!(
        "seeded team org {} unit {} with {n_people} people × {n_competences} competences ({} assessments)",
        org.id.0,
        unit.id.0,
        n_people * n_competences * 2
    );
    Ok(())
}

pub async fn run(url: &str, org: Uuid, unit: Uuid, server: Option<&str>, runs: usize) -> Result<()> {
    let app = App::new(Db::connect(url).await?);
    let (email, actor) = admin(&app, OrgId(org)).await?;
    let framework = app
        .competence()
        .frameworks(&actor)
        .await?
        .into_iter()
        .find(|f| f.key == "bench")
        .map(|f| f.id);
    let mut times = Vec::with_capacity(runs);
    let mut risks = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let v = app
            .competence()
            .team_competence(&actor, Scope::Unit(UnitId(unit)), framework)
            .await?;
        times.push(t.elapsed().as_micros());
        risks = v.risks.len();
    }
    summary(&format!("team map in process ({risks} coverage risks)"), times);
    let Some(server) = server else { return Ok(()) };
    let session = app.platform().login(&email, crate::timing::PASSWORD).await?;
    let addr = server.trim_start_matches("http://");
    let mut conn = mognad_bench::http::Conn::open(addr).await?;
    conn.cookie = Some(format!("mognad_session={}", session.token));
    let path = format!(
        "/orgs/{org}/units/{unit}/competence{}",
        framework.map(|f| format!("?framework={f}")).unwrap_or_default()
    );
    let (times, size) = conn.time_gets(&path, runs).await?;
    summary(
        &format!("team map page over HTTP ({} KiB of HTML)", size / 1024),
        times,
    );
    Ok(())
}
