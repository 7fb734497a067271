//! The org chart page of a unit: the drawing, and the same relationships as lists.

use crate::error::WebError;
use crate::extract::IdParam;
use crate::page::{PageCtx, org_layout, render};
use crate::views::Layout;
use askama::Template;
use axum::response::Response;
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
}

pub async fn page(c: PageCtx, IdParam(id): IdParam) -> Result<Response, WebError> {
    let tr = c.tr;
    let chart = c
        .state
        .app
        .org()
        .org_chart(&c.org.actor, UnitId(id))
        .await
        .map_err(c.err())?;
    let here = format!("/orgs/{}/units/{id}/chart", c.org.actor.org);
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "units", &here).await?;
    let rows: Vec<orgchart::Row> = chart
        .rows
        .iter()
        .map(|r| orgchart::Row {
            name: &r.person.name,
            title: r.title.as_deref(),
            depth: r.depth,
            supervisor_row: r.supervisor_row,
        })
        .collect();
    let legend = [
        tr.t("chart-supervision"),
        tr.t("chart-team"),
        tr.t("chart-mentoring"),
    ];
    let heading = tr.t1("chart-title", "unit", &chart.unit);
    let svg = orgchart::render(&orgchart::Chart {
        id: "orgchart",
        title: &heading,
        desc: &tr.t("chart-desc"),
        rows: &rows,
        team_links: &chart.team_links,
        mentor_links: &chart.mentor_links,
        legend: [&legend[0], &legend[1], &legend[2]],
    });
    let name = |i: usize| chart.rows[i].person.name.clone();
    let pairs = |v: &[(usize, usize)]| {
        v.iter()
            .map(|(a, b)| format!("{} → {}", name(*a), name(*b)))
            .collect()
    };
    let supervision = chart
        .rows
        .iter()
        .filter_map(|r| {
            r.supervisor_row
                .map(|s| format!("{} → {}", name(s), r.person.name))
        })
        .collect();
    Ok(render(ChartPage {
        l,
        intro: tr.t("chart-intro"),
        empty: chart.rows.is_empty(),
        svg,
        lists: vec![
            (legend[0].clone(), supervision),
            (legend[1].clone(), pairs(&chart.team_links)),
            (legend[2].clone(), pairs(&chart.mentor_links)),
        ],
        heading,
    }))
}
