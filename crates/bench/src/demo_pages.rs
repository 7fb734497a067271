//! The leadership and competence read pages on the demo organisation (400 people), with a
//! review started for every top-level unit: the whole organisation's org chart, the review list,
//! the largest review's status and the gap report in process, then those and the relationships
//! list, the framework editor and the IT department's talent overview as pages over HTTP from a
//! server on the same database. Prints the median and the 95th percentile.

use crate::timing::{admin, summary};
use anyhow::{Context, Result};
use mognad_app::App;
use mognad_store::Db;
use std::future::Future;
use std::time::Instant;

/// Times `read` `runs` times after one warm-up.
async fn time<T, F, Fut>(label: &str, runs: usize, read: F) -> Result<()>
where
    F: Fn() -> Fut,
    Fut: Future<Output = mognad_app::Result<T>>,
{
    read().await?;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        read().await?;
        times.push(t.elapsed().as_micros());
    }
    summary(label, times);
    Ok(())
}

pub async fn run(url: &str, org: uuid::Uuid, server: &str, runs: usize) -> Result<()> {
    let db = Db::connect(url).await?;
    let app = App::new(db);
    let (email, actor) = admin(&app, mognad_domain::ids::OrgId(org)).await?;
    let (o, c) = (app.org(), app.competence());
    let people = o.whole_org_chart(&actor).await?.rows.len();
    println!("the demo organisation has {people} people");
    // A review for every top-level unit, so everyone in a unit takes part in one.
    let deadline = (chrono::Utc::now().date_naive() + chrono::Duration::days(30)).to_string();
    let units = o.units(&actor).await?;
    let mut largest = (0, None);
    for u in units.iter().filter(|u| u.parent_id.is_none()) {
        let input = mognad_app::competence::reviews::CycleInput {
            name: format!("Genomgång {}", u.name),
            scope: format!("unit:{}", u.id),
            deadline: deadline.clone(),
        };
        let id = c.start_review(&actor, &input).await?;
        let size = c.review_status(&actor, id).await?.rows.len();
        largest = largest.max((size, Some(id)));
    }
    println!(
        "{} review cycles started, the largest with {} participants",
        units.iter().filter(|u| u.parent_id.is_none()).count(),
        largest.0
    );
    time("whole org chart in process", runs, || o.whole_org_chart(&actor)).await?;
    time("review cycles in process", runs, || c.review_cycles(&actor)).await?;
    // The list as it was read before: every cycle's status on its own, each reading the
    // organisation's people, accounts and supervisions again.
    let ids: Vec<_> = c.review_cycles(&actor).await?.iter().map(|v| v.id).collect();
    time(
        "  the same, each cycle's status read on its own",
        runs,
        || async {
            for id in &ids {
                c.review_status(&actor, *id).await?;
            }
            Ok(())
        },
    )
    .await?;
    let largest = largest.1.context("the demo has units")?;
    time("the largest review's status in process", runs, || {
        c.review_status(&actor, largest)
    })
    .await?;
    time("gap report in process", runs, || c.gap_report(&actor, None)).await?;

    let it = o
        .units(&actor)
        .await?
        .into_iter()
        .find(|u| u.name == "IT-avdelningen")
        .context("the demo has an IT department")?;
    let framework = c.default_framework(&actor).await?;
    let session = app.platform().login(&email, crate::timing::PASSWORD).await?;
    let mut conn = mognad_bench::http::Conn::open(server.trim_start_matches("http://")).await?;
    conn.cookie = Some(format!("mognad_session={}", session.token));
    for page in [
        "chart".to_owned(),
        "relationships".to_owned(),
        "reviews".to_owned(),
        format!("reviews/{largest}"),
        "competence/gaps".to_owned(),
        format!("frameworks/{framework}/edit"),
        format!("units/{}/talent", it.id),
    ] {
        let path = format!("/orgs/{org}/{page}");
        conn.get(&path).await?;
        let (times, size) = conn.time_gets(&path, runs).await?;
        summary(&format!("/{page} page over HTTP ({} KiB)", size / 1024), times);
    }
    Ok(())
}
