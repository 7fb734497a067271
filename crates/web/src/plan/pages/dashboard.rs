//! The organisation's dashboard: open and overdue cards, throughput per week, the open hours of
//! the most loaded people and the maturity trend as bar charts (values printed on them), and
//! each initiative's progress.

use crate::error::WebError;
use crate::i18n::Tr;
use crate::page::{PageCtx, org_layout, render};
use askama::Template;
use axum::response::Response;
use mognad_app::plan::dashboard::Dashboard;
use mognad_app::plan::workload::Workload;
use mognad_reports::{bars, hbars};

#[derive(Template)]
#[template(path = "dashboard.html")]
pub struct DashboardPage {
    pub l: crate::views::Layout,
    pub base: String,
    pub d: Dashboard,
    pub throughput_svg: String,
    pub trend_svg: String,
    pub workload_svg: String,
}

/// People shown in the dashboard's workload chart; the workload page has everyone.
const WORKLOAD_BARS: usize = 12;

/// Cards done per ISO week as upright bars, for the organisation's and an initiative's
/// dashboards.
pub fn throughput_chart(tr: Tr, id: &str, desc: &str, throughput: &[(u32, usize)]) -> String {
    let weeks: Vec<(String, Option<f64>)> = throughput
        .iter()
        .map(|(w, n)| (tr.t1("workload-week", "week", w), Some(*n as f64)))
        .collect();
    bars::render(&bars::Bars {
        id,
        title: &tr.t("dashboard-throughput"),
        desc,
        bars: &weeks,
        max: 0.0,
    })
}

/// The open hours of the most loaded people as horizontal bars.
pub fn workload_chart(tr: Tr, id: &str, w: &Workload) -> String {
    let load: Vec<(String, Option<f64>)> = w
        .people
        .iter()
        .take(WORKLOAD_BARS)
        .map(|p| (p.name.clone(), Some(f64::from(p.total()))))
        .collect();
    hbars::render(&bars::Bars {
        id,
        title: &tr.t("dashboard-workload"),
        desc: &tr.t1("dashboard-workload-desc", "n", WORKLOAD_BARS),
        bars: &load,
        max: 0.0,
    })
}

pub async fn show(c: PageCtx) -> Result<Response, WebError> {
    let tr = c.tr;
    let base = format!("/orgs/{}", c.org.actor.org);
    let l = org_layout(
        &c.state,
        &c.org,
        tr,
        &c.csrf,
        "dashboard",
        &format!("{base}/dashboard"),
    )
    .await?;
    let d = c
        .state
        .app
        .plan()
        .dashboard(&c.org.actor)
        .await
        .map_err(c.err())?;
    let trend: Vec<(String, Option<f64>)> = d.trend.clone();
    let throughput_svg = throughput_chart(
        tr,
        "throughput",
        &tr.t("dashboard-throughput-desc"),
        &d.throughput,
    );
    let trend_svg = hbars::render(&bars::Bars {
        id: "trend",
        title: &tr.t("dashboard-trend"),
        desc: &tr.t("dashboard-trend-desc"),
        bars: &trend,
        max: 100.0,
    });
    let workload_svg = workload_chart(tr, "workload", &d.workload);
    Ok(render(DashboardPage {
        base,
        d,
        throughput_svg,
        trend_svg,
        workload_svg,
        l,
    }))
}
