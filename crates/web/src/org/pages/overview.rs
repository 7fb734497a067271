//! The organisation's start page, as a CIO reads it: where the organisation stands (the latest
//! closed round's result, radar and phase, and its largest gaps), the rounds under way with
//! their response, the initiatives' progress and overdue cards, and the leadership checks that
//! need attention, each linking on to its page; the directory's counts last.

use crate::i18n::Tr;
use crate::page::{PageCtx, org_layout, render};
use crate::views::Count;
use askama::Template;
use axum::response::Response;
use mognad_app::measurement::rounds::RoundView;
use mognad_app::org::checks::DEFAULT_SPAN;
use mognad_reports::radar;

type Page = Result<Response, crate::error::WebError>;

/// The latest closed round's organisation result.
pub struct Standing {
    pub round: String,
    pub href: String,
    /// Empty when the round withholds the organisation's result.
    pub radar: String,
    pub said: String,
    /// The largest gaps: (engine, gap in points).
    pub gaps: Vec<(String, String)>,
}

/// A round under way: name, address, answered of members in words.
pub struct Underway {
    pub name: String,
    pub href: String,
    pub response: String,
}

/// An initiative's progress: title, address, done of all in words, overdue cards.
pub struct Moving {
    pub title: String,
    pub href: String,
    pub done: String,
    pub overdue: usize,
}

#[derive(Template)]
#[template(path = "overview.html")]
pub struct OverviewPage {
    pub l: crate::views::Layout,
    pub heading: String,
    pub base: String,
    pub standing: Option<Standing>,
    pub underway: Vec<Underway>,
    pub moving: Vec<Moving>,
    /// Open and overdue cards over all boards.
    pub cards: String,
    /// Each check with findings: (what, how many).
    pub checks: Vec<(String, usize)>,
    /// Units depending on one person for a competence: (unit, its competence map, in words).
    pub risks: Vec<(String, String, String)>,
    pub counts: Vec<Count>,
    pub threshold: i64,
}

async fn standing(
    c: &PageCtx,
    closed: Option<&RoundView>,
    base: &str,
) -> Result<Option<Standing>, crate::error::WebError> {
    let Some(r) = closed else { return Ok(None) };
    let tr = c.tr;
    let m = c.state.app.measurement();
    let org = c.org.actor.org.0;
    let (res, d) = m
        .area_with_results(&c.org.actor, r.id, org)
        .await
        .map_err(c.err())?;
    let names = crate::measurement::pages::results::engine_names(&res.model, tr.lang);
    let name_of = |key: &str| {
        res.model
            .engine(key)
            .map(|e| e.name.get(tr.lang).to_owned())
            .unwrap_or_default()
    };
    let scores: Vec<Option<f64>> = d.engines.iter().map(|e| e.score).collect();
    let (radar, said) = if d.visible {
        let series = [radar::Series {
            label: &d.name,
            values: &scores,
            colour: "#0b5394",
            dash: "",
        }];
        let svg = radar::render(&radar::Radar {
            id: "overview-radar",
            title: &tr.t1("area-radar-title", "area", &d.name),
            desc: &tr.t("area-radar-desc"),
            axes: &names,
            series: &series,
        });
        let phase = d
            .phase
            .as_ref()
            .map(|p| tr.t(&format!("phase-{p}")))
            .unwrap_or_default();
        let overall = d.overall.map(|v| format!("{:.0}", v.round())).unwrap_or_default();
        (
            svg,
            tr.tn("overview-standing", &[("score", &overall), ("phase", &phase)]),
        )
    } else {
        (String::new(), tr.t("overview-standing-withheld"))
    };
    Ok(Some(Standing {
        round: r.name.clone(),
        href: format!("{base}/rounds/{}/results/{org}", r.id),
        radar,
        said,
        gaps: d
            .gaps
            .iter()
            .take(3)
            .map(|g| (name_of(&g.engine), format!("{:.0}", g.gap.round())))
            .collect(),
    }))
}

/// The units where a competence the roles require rests on one person, or development actions
/// are late, as far as the reader may see them; nothing when the organisation has no
/// competence framework yet.
async fn risks(c: &PageCtx, base: &str) -> Vec<(String, String, String)> {
    use mognad_app::competence::team_map::Scope;
    use mognad_domain::competence::team::Coverage;
    let (app, a, tr) = (&c.state.app, &c.org.actor, c.tr);
    let Ok(units) = app.org().units(a).await else {
        return Vec::new();
    };
    let late = app.competence().late_actions_by_unit(a).await.unwrap_or_default();
    let mut out = Vec::new();
    for u in units {
        if let Some((_, n)) = late.iter().find(|(id, _)| *id == u.id) {
            out.push((
                u.name.clone(),
                format!("{base}/units/{}/talent", u.id),
                tr.t1("overview-late-actions", "n", n),
            ));
        }
        let Ok(view) = app.competence().team_competence(a, Scope::Unit(u.id), None).await else {
            continue;
        };
        let single = view
            .risks
            .iter()
            .filter(|r| r.coverage == Coverage::Single)
            .count();
        if single > 0 {
            out.push((
                u.name.clone(),
                format!("{base}/units/{}/competence", u.id),
                tr.t1("overview-single-holder", "n", single),
            ));
        }
    }
    out
}

fn checks(tr: Tr, v: &mognad_app::org::checks::ChecksView) -> Vec<(String, usize)> {
    [
        ("checks-cycles", v.cycles.len()),
        ("checks-without-supervisor", v.without_supervisor.len()),
        (
            "checks-supervisors-without-team",
            v.supervisors_without_team.len(),
        ),
        ("checks-lead-mismatches", v.lead_mismatches.len()),
        ("checks-without-mentor", v.without_mentor.len()),
        ("checks-span", v.span_outside.len()),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(key, n)| (tr.t(key), n))
    .collect()
}

pub async fn overview(c: PageCtx, counts: Vec<Count>, threshold: i64, heading: String) -> Page {
    let tr = c.tr;
    let app = &c.state.app;
    let a = &c.org.actor;
    let base = format!("/orgs/{}", a.org);
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "overview", &base).await?;
    let rounds = app.measurement().rounds(a).await.map_err(c.err())?;
    let closed = rounds.iter().rev().find(|r| r.state == "closed");
    let standing = standing(&c, closed, &base).await?;
    let mut underway = Vec::new();
    for r in rounds.iter().filter(|r| r.state == "open") {
        let status = app.measurement().round_status(a, r.id).await.map_err(c.err())?;
        let answered: i64 = status.iter().map(|g| g.answered).sum();
        let members: i64 = status.iter().map(|g| g.members).sum();
        underway.push(Underway {
            name: r.name.clone(),
            href: format!("{base}/rounds/{}", r.id),
            response: tr.tn(
                "overview-response",
                &[
                    ("answered", &answered.to_string()),
                    ("members", &members.to_string()),
                ],
            ),
        });
    }
    let dash = app.plan().dashboard(a).await.map_err(c.err())?;
    let moving = dash
        .initiatives
        .iter()
        .filter(|i| !matches!(i.status.as_str(), "done" | "cancelled"))
        .map(|i| Moving {
            title: i.title.clone(),
            href: format!("{base}/initiatives/{}", i.id),
            done: tr.tn(
                "overview-done",
                &[("done", &i.done.to_string()), ("total", &i.total.to_string())],
            ),
            overdue: i.overdue,
        })
        .collect();
    let found = app
        .org()
        .leadership_checks(a, DEFAULT_SPAN)
        .await
        .map_err(c.err())?;
    let risks = risks(&c, &base).await;
    Ok(render(OverviewPage {
        l,
        heading,
        base,
        standing,
        underway,
        moving,
        cards: tr.tn(
            "overview-cards",
            &[
                ("open", &dash.open.to_string()),
                ("overdue", &dash.overdue.to_string()),
            ],
        ),
        checks: checks(tr, &found),
        risks,
        counts,
        threshold,
    }))
}
