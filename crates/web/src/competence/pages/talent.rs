//! The talent overview page of a unit or a team: each positioning grid drawn as a table with
//! everyone the reader may see in their cell, each person's now, target, since when and moves,
//! and the development plans with their late actions.

use crate::error::WebError;
use crate::extract::IdParam;
use crate::i18n::Tr;
use crate::page::{PageCtx, org_layout, render};
use askama::Template;
use axum::response::Response;
use mognad_app::competence::talent::{GridOverview, Talent};
use mognad_app::competence::team_map::Scope;
use mognad_domain::competence::grid::Cell;
use mognad_domain::ids::{TeamId, UnitId};

type Page = Result<Response, WebError>;

/// A grid as rows from the top, each cell (epithet, names now there).
pub struct GridTable {
    pub name: String,
    /// Which way the axes run, in words.
    pub axes: String,
    pub rows: Vec<Vec<(String, Vec<String>)>>,
    /// (person link, name, now, target, since, moves).
    pub people: Vec<(String, String, String, String, String, usize)>,
    pub unplaced: usize,
}

#[derive(Template)]
#[template(path = "talent.html")]
pub struct TalentPage {
    pub l: crate::views::Layout,
    pub heading: String,
    pub map: String,
    pub t: Talent,
    pub grids: Vec<GridTable>,
    /// (person link, name, open, late actions as text, progress).
    pub plans: Vec<(String, String, usize, String, String)>,
}

fn table(g: &GridOverview, tr: Tr, base: &str) -> GridTable {
    let lang = tr.lang;
    let label = |c: Cell| {
        g.grid
            .epithet(c)
            .map(|e| e.get(lang).to_owned())
            .unwrap_or_default()
    };
    let rows = (0..g.grid.rows)
        .rev()
        .map(|row| {
            (0..g.grid.columns)
                .map(|column| {
                    let c = Cell { column, row };
                    let names = g
                        .placed
                        .iter()
                        .filter(|p| p.standing.now == c)
                        .map(|p| p.name.clone())
                        .collect();
                    (label(c), names)
                })
                .collect()
        })
        .collect();
    GridTable {
        name: g.grid.name.get(lang).to_owned(),
        axes: tr.tn(
            "talent-axes",
            &[("x", g.grid.x_axis.get(lang)), ("y", g.grid.y_axis.get(lang))],
        ),
        rows,
        people: g
            .placed
            .iter()
            .map(|p| {
                (
                    format!("{base}/people/{}/competence", p.person),
                    p.name.clone(),
                    label(p.standing.now),
                    p.standing.target.map(label).unwrap_or_else(|| "–".into()),
                    p.standing.since.format("%Y-%m-%d").to_string(),
                    p.standing.moves,
                )
            })
            .collect(),
        unplaced: g.unplaced,
    }
}

async fn page(c: PageCtx, scope: Scope, here: String, map: String, key: &str) -> Page {
    let tr = c.tr;
    let t = c
        .state
        .app
        .competence()
        .talent(&c.org.actor, scope)
        .await
        .map_err(c.err())?;
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, key, &here).await?;
    let base = format!("/orgs/{}", c.org.actor.org);
    let grids = t.grids.iter().map(|g| table(g, tr, &base)).collect();
    let plans = t
        .plans
        .iter()
        .map(|p| {
            let late = p
                .late
                .iter()
                .map(|(title, due)| format!("{title} ({due})"))
                .collect::<Vec<_>>()
                .join("; ");
            (
                format!("{base}/people/{}/competence#plan-section", p.person),
                p.name.clone(),
                p.open,
                if late.is_empty() { "–".into() } else { late },
                p.progress.map(|v| format!("{v} %")).unwrap_or_else(|| "–".into()),
            )
        })
        .collect();
    Ok(render(TalentPage {
        heading: tr.t1("talent-title", "name", &t.name),
        map,
        grids,
        plans,
        t,
        l,
    }))
}

pub async fn unit(c: PageCtx, IdParam(id): IdParam) -> Page {
    let base = format!("/orgs/{}/units/{id}", c.org.actor.org);
    page(
        c,
        Scope::Unit(UnitId(id)),
        format!("{base}/talent"),
        format!("{base}/competence"),
        "units",
    )
    .await
}

pub async fn team(c: PageCtx, IdParam(id): IdParam) -> Page {
    let base = format!("/orgs/{}/teams/{id}", c.org.actor.org);
    page(
        c,
        Scope::Team(TeamId(id)),
        format!("{base}/talent"),
        format!("{base}/competence"),
        "teams",
    )
    .await
}
