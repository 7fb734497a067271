//! The org chart pages, of a unit or of the whole organisation: the drawing with each arc
//! labelled, and the same relationships as lists.

use crate::error::WebError;
use crate::extract::IdParam;
use crate::page::{PageCtx, org_layout, render};
use crate::views::Layout;
use askama::Template;
use axum::response::Response;
use mognad_app::org::orgchart::OrgChart;
use mognad_domain::ids::UnitId;
use mognad_reports::orgchart;

#[derive(Template)]
#[template(path = "orgchart.html")]
pub struct ChartPage {
    pub l: Layout,
    pub heading: String,
    pub intro: String,
    pub empty: bool,
    pub svg: String,
    /// (heading, "A → B" lines) for supervision, team leadership and mentoring.
    pub lists: Vec<(String, Vec<String>)>,
    /// The other chart: the whole organisation's from a unit's, and back to the units.
    pub other: (String, String),
}

pub async fn page(c: PageCtx, IdParam(id): IdParam) -> Result<Response, WebError> {
    let chart = c
        .state
        .app
        .org()
        .org_chart(&c.org.actor, UnitId(id))
        .await
        .map_err(c.err())?;
    show(&c, &chart, &format!("/orgs/{}/units/{id}/chart", c.org.actor.org)).await
}

pub async fn whole(c: PageCtx) -> Result<Response, WebError> {
    let chart = c
        .state
        .app
        .org()
        .whole_org_chart(&c.org.actor)
        .await
        .map_err(c.err())?;
    show(&c, &chart, &format!("/orgs/{}/chart", c.org.actor.org)).await
}

async fn show(c: &PageCtx, chart: &OrgChart, here: &str) -> Result<Response, WebError> {
    let tr = c.tr;
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "units", here).await?;
    let rows: Vec<orgchart::Row> = chart
        .rows
        .iter()
        .map(|r| orgchart::Row {
            name: &r.person.name,
            title: r.title.as_deref(),
            // Within one unit's chart its own people need no unit (it is the heading); those of
            // its sub-units and everyone on the whole chart say theirs.
            unit: r.unit.as_deref().filter(|u| chart.whole || *u != chart.unit),
            depth: r.depth,
            supervisor_row: r.supervisor_row,
        })
        .collect();
    let legend = [
        tr.t("chart-supervision"),
        tr.t("chart-team"),
        tr.t("chart-mentoring"),
    ];
    let mentor = tr.t("chart-mentor-label");
    let team_links: Vec<orgchart::Link> = chart
        .team_links
        .iter()
        .map(|t| orgchart::Link {
            from: t.lead,
            to: t.member,
            label: &t.team,
        })
        .collect();
    let mentor_links: Vec<orgchart::Link> = chart
        .mentor_links
        .iter()
        .map(|(a, b)| orgchart::Link {
            from: *a,
            to: *b,
            label: &mentor,
        })
        .collect();
    let (heading, intro) = if chart.whole {
        (
            tr.t1("chart-whole-title", "org", &chart.unit),
            tr.t("chart-whole-intro"),
        )
    } else {
        (tr.t1("chart-title", "unit", &chart.unit), tr.t("chart-intro"))
    };
    let svg = orgchart::render(&orgchart::Chart {
        id: "orgchart",
        title: &heading,
        desc: &tr.t("chart-desc"),
        rows: &rows,
        team_links: &team_links,
        mentor_links: &mentor_links,
        legend: [&legend[0], &legend[1], &legend[2]],
    });
    // Names alone are not unique in a large organisation: the lists say title and unit too.
    let name = |i: usize| {
        let r = &chart.rows[i];
        match (r.title.as_deref(), r.unit.as_deref()) {
            (None, None) => r.person.name.clone(),
            (title, unit) => format!(
                "{} ({})",
                r.person.name,
                title.into_iter().chain(unit).collect::<Vec<_>>().join(", ")
            ),
        }
    };
    let supervision = chart
        .rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.supervisor_row.map(|s| format!("{} → {}", name(s), name(i))))
        .collect();
    let teams = chart
        .team_links
        .iter()
        .map(|t| format!("{} → {} ({})", name(t.lead), name(t.member), t.team))
        .collect();
    let mentoring = chart
        .mentor_links
        .iter()
        .map(|(a, b)| format!("{} → {}", name(*a), name(*b)))
        .collect();
    let org = c.org.actor.org;
    let other = if chart.whole {
        (tr.t("chart-units-link"), format!("/orgs/{org}/units"))
    } else {
        (tr.t("chart-whole-link"), format!("/orgs/{org}/chart"))
    };
    Ok(render(ChartPage {
        l,
        intro,
        empty: chart.rows.is_empty(),
        svg,
        lists: vec![
            (legend[0].clone(), supervision),
            (legend[1].clone(), teams),
            (legend[2].clone(), mentoring),
        ],
        heading,
        other,
    }))
}
