//! The plan's read pages on the demo organisation: the dashboard and the workload in process,
//! then those and the plan, the budget cut and the timesheet as pages over HTTP from a server on
//! the same database. Prints the median and the 95th percentile of each.

use crate::timing::{admin, summary};
use anyhow::Result;
use mognad_app::App;
use mognad_store::Db;
use std::time::Instant;

/// Makes the demo organisation in the database and prints its id.
pub async fn seed(url: &str) -> Result<()> {
    let db = Db::connect(url).await?;
    db.migrate().await?;
    let demo = App::new(db).create_demo(&|_, _| {}).await?;
    println!("seeded demo org {}", demo.org);
    Ok(())
}

pub async fn run(url: &str, org: uuid::Uuid, server: &str, runs: usize) -> Result<()> {
    let db = Db::connect(url).await?;
    let app = App::new(db);
    let (email, actor) = admin(&app, mognad_domain::ids::OrgId(org)).await?;
    let plan = app.plan();
    for _ in 0..3 {
        plan.dashboard(&actor).await?;
    }
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        plan.dashboard(&actor).await?;
        times.push(t.elapsed().as_micros());
    }
    summary("dashboard in process", times);
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        plan.workload(&actor).await?;
        times.push(t.elapsed().as_micros());
    }
    summary("workload in process", times);
    // The dashboard's reads one by one, to see where its time goes.
    let today = chrono::Utc::now().date_naive();
    macro_rules! part {
        ($label:expr, $read:expr) => {{
            let mut times = Vec::with_capacity(runs);
            for _ in 0..runs {
                let t = Instant::now();
                let mut tx = app.db.read().await?;
                let _ = $read(&mut tx).await?;
                tx.rollback().await?;
                times.push(t.elapsed().as_micros());
            }
            summary(concat!("  of which ", $label), times);
        }};
    }
    use mognad_store::plan_reads;
    part!("the open cards", |tx| plan_reads::open_work(tx, actor.org));
    part!("the initiatives' sums", |tx| plan_reads::progress(
        tx, actor.org, today
    ));
    let bounds: Vec<_> = (0..=8)
        .rev()
        .map(|k| chrono::Utc::now() - chrono::Duration::weeks(k))
        .collect();
    part!("the cards done per week", |tx| plan_reads::done_between(
        tx, actor.org, &bounds
    ));
    part!("the initiatives", |tx| mognad_store::plan::initiatives(
        tx, actor.org
    ));
    part!("the people", |tx| mognad_store::people::all(tx, actor.org));
    // Part of the dashboard: each closed round's results, for the maturity trend.
    let rounds = app.measurement().rounds(&actor).await?;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        for r in rounds.iter().filter(|r| r.state == "closed") {
            app.measurement().results(&actor, r.id).await?;
        }
        times.push(t.elapsed().as_micros());
    }
    summary("  of which the closed rounds' results", times);

    let session = app.platform().login(&email, crate::timing::PASSWORD).await?;
    let mut conn = mognad_bench::http::Conn::open(server.trim_start_matches("http://")).await?;
    conn.cookie = Some(format!("mognad_session={}", session.token));
    for page in [
        "dashboard",
        "workload",
        "plan",
        "plan/budget-cut?budget=700000",
        "timesheet",
    ] {
        let path = format!("/orgs/{org}/{page}");
        conn.get(&path).await?;
        let (times, size) = conn.time_gets(&path, runs).await?;
        summary(&format!("/{page} page over HTTP ({} KiB)", size / 1024), times);
    }
    Ok(())
}
