//! An initiative's own page: what it aims at (engines, the leadership groups it works with),
//! its dashboard — progress, cards done per week, the workload its cards put on people and the
//! maturity trend of its engines in its groups, as charts with the values printed and in
//! tables — its costs, and for admins the forms to edit it and add costs.

use super::initiative_forms::stored_input;
use crate::error::WebError;
use crate::extract::IdParam;
use crate::page::{PageCtx, org_layout, render};
use askama::Template;
use axum::response::Response;
use mognad_app::AppError;
use mognad_app::plan::initiative_dashboard::InitiativeDashboard;
use mognad_app::plan::initiatives::{InitiativeInput, STATUSES};
use mognad_app::plan::workload::Workload;
use mognad_domain::ids::{InitiativeId, PersonId};
use mognad_domain::role::Role;
use mognad_reports::{bars, hbars};
use uuid::Uuid;

type Page = Result<Response, WebError>;

/// Frameworks with more competences than this (an ESCO import, say) are not offered as boxes;
/// their competences are typed by key instead.
const COMPETENCE_BOXES: usize = 200;

/// A box or option of the form: (value, label, ticked).
pub type Tick = (String, String, bool);

/// One engine's scores over the rounds: the chart and the same figures as rows.
pub struct TrendChart {
    pub title: String,
    pub svg: String,
    /// (round, score, what it rests on)
    pub rows: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "initiative.html")]
pub struct InitiativePage {
    pub l: crate::views::Layout,
    pub base: String,
    pub back: String,
    /// Where the organisation's cards are, for links to each of the initiative's.
    pub tasks: String,
    pub admin: bool,
    pub errors: Vec<String>,
    pub title: String,
    pub description: String,
    /// (label, value) facts in reading order.
    pub facts: Vec<(String, String)>,
    /// The edit form's values: the stored initiative, or what was sent when it was refused.
    pub form: InitiativeInput,
    pub goals: Vec<Tick>,
    pub statuses: Vec<Tick>,
    pub people: Vec<Tick>,
    pub engines: Vec<Tick>,
    pub groups: Vec<Tick>,
    /// Per framework (name, its competences).
    pub competences: Vec<(String, Vec<Tick>)>,
    /// Ticked competences of frameworks too large for boxes, as keys.
    pub other_competences: String,
    /// (label, kind, year, amount)
    pub costs: Vec<(String, String, i64, i64)>,
    pub d: InitiativeDashboard,
    pub w: Workload,
    pub throughput_svg: String,
    pub workload_svg: String,
    pub trends: Vec<TrendChart>,
}

pub(crate) async fn page(c: &PageCtx, id: Uuid, sent: Option<InitiativeInput>, errors: Vec<String>) -> Page {
    let tr = c.tr;
    let app = &c.state.app;
    let actor = &c.org.actor;
    let (list, costs) = app.plan().initiatives(actor).await.map_err(c.err())?;
    let i = list
        .into_iter()
        .find(|i| i.id == id)
        .ok_or(AppError::NotFound)
        .map_err(c.err())?;
    let goals = app.plan().goals(actor).await.map_err(c.err())?;
    let goal_ids: Vec<Uuid> = goals.iter().map(|g| g.id).collect();
    let people = app.org().all_people(actor).await.map_err(c.err())?;
    let all_groups = app.org().groups(actor).await.map_err(c.err())?;
    let choices = app.plan().engine_choices(actor).await.map_err(c.err())?;
    let frameworks = app.plan().competence_choices(actor).await.map_err(c.err())?;
    let d = app
        .plan()
        .initiative_dashboard(actor, InitiativeId(id))
        .await
        .map_err(c.err())?;
    let base = format!("/orgs/{}/initiatives/{id}", actor.org);
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "plan", &base).await?;
    let form = sent.unwrap_or_else(|| stored_input(&i));
    let picked = mognad_app::plan::scope::keys(&form.engines);
    let engine_name = |k: &str| {
        choices
            .iter()
            .find(|c| c.key == k)
            .map(|c| c.name(tr.lang).to_owned())
            .unwrap_or_else(|| k.to_owned())
    };
    // An engine the initiative holds from a model no longer in use stays offered, so saving
    // keeps it.
    let mut engines: Vec<Tick> = choices
        .iter()
        .map(|e| (e.key.clone(), e.name(tr.lang).to_owned(), picked.contains(&e.key)))
        .collect();
    for k in &picked {
        if !engines.iter().any(|e| &e.0 == k) {
            engines.push((k.clone(), k.clone(), true));
        }
    }
    let ticked = mognad_app::plan::scope::keys(&form.competences);
    let mut boxed: Vec<&str> = Vec::new();
    let competences = frameworks
        .iter()
        .filter(|f| f.competences.len() <= COMPETENCE_BOXES)
        .map(|f| {
            let list = f
                .competences
                .iter()
                .map(|x| {
                    boxed.push(&x.key);
                    (x.key.clone(), x.name(tr.lang).to_owned(), ticked.contains(&x.key))
                })
                .collect();
            (f.framework.name(tr.lang).to_owned(), list)
        })
        .collect();
    let other_competences = ticked
        .iter()
        .filter(|k| !boxed.contains(&k.as_str()))
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    let competence_name = |k: &str| {
        frameworks
            .iter()
            .flat_map(|f| &f.competences)
            .find(|c| c.key == k)
            .map(|c| c.name(tr.lang).to_owned())
            .unwrap_or_else(|| k.to_owned())
    };
    let dash = || "–".to_owned();
    let facts = vec![
        (tr.t("plan-status"), tr.t(&format!("initiative-{}", i.status))),
        (
            tr.t("plan-goal"),
            i.goal_id
                .and_then(|g| goals.iter().find(|x| x.id == g))
                .map(|g| g.title.clone())
                .unwrap_or_else(dash),
        ),
        (
            tr.t("plan-owner"),
            i.owner_id
                .and_then(|o| people.iter().find(|p| p.id == PersonId(o)))
                .map(|p| p.name.clone())
                .unwrap_or_else(dash),
        ),
        (
            tr.t("initiative-period"),
            match (i.starts_on, i.ends_on) {
                (None, None) => dash(),
                (s, e) => format!(
                    "{} – {}",
                    s.map(|d| d.to_string()).unwrap_or_default(),
                    e.map(|d| d.to_string()).unwrap_or_default()
                ),
            },
        ),
        (
            tr.t("plan-engines"),
            match i.engines.is_empty() {
                true => dash(),
                false => i
                    .engines
                    .split_whitespace()
                    .map(engine_name)
                    .collect::<Vec<_>>()
                    .join(", "),
            },
        ),
        (
            tr.t("pc-competences"),
            match i.competences.is_empty() {
                true => dash(),
                false => i
                    .competences
                    .split_whitespace()
                    .map(competence_name)
                    .collect::<Vec<_>>()
                    .join(", "),
            },
        ),
        (
            tr.t("initiative-groups"),
            match d.groups.is_empty() {
                true => tr.t("initiative-whole-org"),
                false => d
                    .groups
                    .iter()
                    .map(|g| g.name.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            },
        ),
    ];
    let throughput_svg = crate::plan::pages::dashboard::throughput_chart(
        tr,
        "initiative-throughput",
        &tr.t("initiative-throughput-desc"),
        &d.throughput,
    );
    let trends = d
        .trend
        .iter()
        .enumerate()
        .map(|(n, t)| {
            let name = if tr.lang == mognad_domain::org::Language::Sv {
                &t.name_sv
            } else {
                &t.name_en
            };
            let points: Vec<(String, Option<f64>)> =
                t.points.iter().map(|p| (p.round.clone(), p.score)).collect();
            TrendChart {
                title: name.clone(),
                svg: hbars::render(&bars::Bars {
                    id: &format!("initiative-trend-{n}"),
                    title: &tr.t1("initiative-trend-title", "engine", name),
                    desc: &tr.t("initiative-trend-desc"),
                    bars: &points,
                    max: 100.0,
                }),
                rows: t
                    .points
                    .iter()
                    .map(|p| {
                        (
                            p.round.clone(),
                            p.score.map(|s| format!("{s:.0}")).unwrap_or_else(dash),
                            if d.groups.is_empty() {
                                tr.t("initiative-whole-org")
                            } else {
                                tr.tn(
                                    "initiative-groups-shown",
                                    &[
                                        ("shown", &p.groups_shown.to_string()),
                                        ("of", &d.groups.len().to_string()),
                                    ],
                                )
                            },
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    let selected = |list: &[String], v: &str| list.iter().any(|x| x == v);
    Ok(render(InitiativePage {
        back: format!("/orgs/{}/plan", actor.org),
        tasks: format!("/orgs/{}/tasks", actor.org),
        admin: actor.role.at_least(Role::Admin),
        title: i.title.clone(),
        description: i.description.clone(),
        goals: goals
            .into_iter()
            .map(|g| {
                let id = g.id.to_string();
                let on = form.goal_id == id;
                (id, g.title, on)
            })
            // An archived goal is not offered, but the initiative keeps it when saved.
            .chain(
                i.goal_id
                    .filter(|g| form.goal_id == g.to_string() && !goal_ids.contains(g))
                    .map(|g| (g.to_string(), tr.t("archived-choice"), true)),
            )
            .collect(),
        statuses: STATUSES
            .iter()
            .map(|s| {
                (
                    (*s).to_owned(),
                    tr.t(&format!("initiative-{s}")),
                    form.status == *s,
                )
            })
            .collect(),
        people: people
            .into_iter()
            .map(|p| {
                let id = p.id.to_string();
                let on = form.owner_id == id;
                (id, p.name, on)
            })
            .collect(),
        groups: all_groups
            .into_iter()
            .map(|g| {
                let id = g.id.to_string();
                let on = selected(&form.group_ids, &id);
                (id, g.name, on)
            })
            .collect(),
        costs: costs
            .into_iter()
            .filter(|k| k.initiative_id == id)
            .map(|k| (k.label, tr.t(&format!("cost-{}", k.kind)), k.year, k.amount))
            .collect(),
        workload_svg: crate::plan::pages::dashboard::workload_chart(tr, "initiative-workload", &d.workload),
        w: d.workload.clone(),
        engines,
        competences,
        other_competences,
        facts,
        form,
        d,
        throughput_svg,
        trends,
        errors,
        base,
        l,
    }))
}

pub async fn show(c: PageCtx, IdParam(id): IdParam) -> Page {
    page(&c, id, None, Vec::new()).await
}
