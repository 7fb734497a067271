//! Timing the result reads in process: one group's detail and the heatmap of all groups, for
//! the most recent bench round in the database. Prints the median and the 95th percentile.

use anyhow::{Context, Result};
use mognad_app::App;
use mognad_domain::ids::OrgId;
use mognad_domain::org::Language;
use mognad_domain::role::Role;
use mognad_store::Db;
use std::time::Instant;

pub fn summary(label: &str, mut micros: Vec<u128>) {
    micros.sort_unstable();
    let pick = |q: f64| micros[((micros.len() as f64 - 1.0) * q).round() as usize] as f64 / 1000.0;
    println!(
        "{label}: median {:.2} ms, p95 {:.2} ms over {} runs",
        pick(0.5),
        pick(0.95),
        micros.len()
    );
}

/// A throwaway analyst in `org`: results are read through the same checks as in the product.
async fn analyst(app: &App, org: OrgId) -> Result<(String, mognad_app::Actor)> {
    let email = format!("bench-{}@mognad.test", uuid::Uuid::new_v4().simple());
    let user = app
        .platform()
        .create_user(&email, "Bench", PASSWORD, Language::Sv)
        .await?;
    app.platform().grant_role(user.id, org, Role::Analyst).await?;
    Ok((email, app.platform().actor(user, org).await?))
}

pub const PASSWORD: &str = "bench password 1234";

/// A throwaway admin in `org`, who sees every row of a team map.
pub async fn admin(app: &App, org: OrgId) -> Result<(String, mognad_app::Actor)> {
    let email = format!("bench-admin-{}@mognad.test", uuid::Uuid::new_v4().simple());
    let user = app
        .platform()
        .create_user(&email, "Bench", PASSWORD, Language::Sv)
        .await?;
    app.platform().grant_role(user.id, org, Role::Admin).await?;
    Ok((email, app.platform().actor(user, org).await?))
}

pub async fn session(url: &str, org: uuid::Uuid, as_admin: bool) -> Result<()> {
    let app = App::new(Db::connect(url).await?);
    let (email, _) = if as_admin {
        admin(&app, OrgId(org)).await?
    } else {
        analyst(&app, OrgId(org)).await?
    };
    let s = app.platform().login(&email, PASSWORD).await?;
    println!("mognad_session={}", s.token);
    Ok(())
}

pub async fn run(url: &str, org: uuid::Uuid, runs: usize) -> Result<()> {
    let db = Db::connect(url).await?;
    let app = App::new(db);
    let (_, actor) = analyst(&app, OrgId(org)).await?;
    let round = app
        .measurement()
        .rounds(&actor)
        .await?
        .pop()
        .context("no round")?;
    if round.state == "open" {
        // Results show only once a round has closed; closing records its disclosure ledger.
        let (_, owner) = admin(&app, OrgId(org)).await?;
        let t = Instant::now();
        app.measurement()
            .set_round_state(&owner, round.id, "closed")
            .await?;
        println!(
            "closed the round (deciding and recording its releases) in {:.1} ms",
            t.elapsed().as_secs_f64() * 1000.0
        );
    }
    let res = app.measurement().results(&actor, round.id).await?;
    let answers: i64 = res.groups.iter().map(|g| g.n).sum();
    let group = res.groups[0].id;
    println!(
        "round {} with {answers} answers in {} groups",
        round.id,
        res.groups.len()
    );
    let mut one = Vec::with_capacity(runs);
    let mut all = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let d = app.measurement().area_detail(&actor, round.id, group).await?;
        one.push(t.elapsed().as_micros());
        assert!(d.visible);
        let t = Instant::now();
        app.measurement().results(&actor, round.id).await?;
        all.push(t.elapsed().as_micros());
    }
    summary("one group's results (scores, phases, items, gaps, comments)", one);
    summary("heatmap of all groups and roll-ups", all);
    Ok(())
}
