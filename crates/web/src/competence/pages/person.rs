//! A person's competence page: profile against the target role, the positioning grids with
//! now and target, the gap per competence by source, the development plan, the assessment
//! form and the history. What shows follows the reader's access; forms post back here and a
//! refused input re-renders the page with its errors.

use crate::error::WebError;
use crate::extract::IdParam;
use crate::i18n::Tr;
use crate::page::{PageCtx, after_write, org_layout, render};
use askama::Template;
use axum::Form;
use axum::http::StatusCode;
use axum::response::Response;
use mognad_app::AppError;
use mognad_app::competence::assess::{AssessInput, Record};
use mognad_app::competence::develop::{ActionInput, Development, PlaceInput};
use mognad_domain::competence::assessment::Source;
use mognad_domain::competence::grid::{Cell, Grid};
use mognad_domain::competence::plan::{ActionKind, ActionStatus};
use mognad_domain::ids::{ActionId, FrameworkId, PersonId};
use mognad_reports::grid;
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

type Page = Result<Response, WebError>;

/// (value, label, selected) of a select's option.
pub type Opt = (String, String, bool);

pub struct GridView {
    pub key: String,
    pub name: String,
    pub svg: String,
    pub now: String,
    pub target: String,
    pub role: Option<String>,
    /// The way from now to the target, in steps along each axis.
    pub path: Option<String>,
    /// (value "column,row", epithet, is now, is target).
    pub cells: Vec<(String, String, bool, bool)>,
}

pub struct ActionRow {
    pub id: Uuid,
    pub title: String,
    pub kind: String,
    pub competences: String,
    pub due: String,
    pub overdue: bool,
    pub status: Vec<Opt>,
}

#[derive(Template)]
#[template(path = "person_competence.html")]
pub struct PersonPage {
    pub l: crate::views::Layout,
    pub heading: String,
    pub base: String,
    pub errors: Vec<String>,
    pub view: bool,
    pub develop: bool,
    pub consent: bool,
    pub mentor_may_see: bool,
    pub framework_name: String,
    pub role_name: Option<String>,
    pub works_with: String,
    pub frameworks: Vec<Opt>,
    pub roles: Vec<Opt>,
    pub standing_rows: Vec<Vec<String>>,
    pub grids: Vec<GridView>,
    pub progress: String,
    pub actions: Vec<ActionRow>,
    pub kinds: Vec<Opt>,
    pub sources: Vec<Opt>,
    pub competences: Vec<Opt>,
    pub levels: Vec<Opt>,
    pub history: Vec<Vec<String>>,
}

fn level(v: Option<f32>) -> String {
    v.map(|v| format!("{v:.1}")).unwrap_or_else(|| "–".into())
}

fn signed(v: Option<f32>) -> String {
    match v {
        Some(v) if v.abs() < 0.05 => "0".into(),
        Some(v) => format!("{v:+.1}"),
        None => "–".into(),
    }
}

fn opts<T: Copy + PartialEq>(all: &[T], key: impl Fn(T) -> &'static str, tr: Tr, prefix: &str) -> Vec<Opt> {
    all.iter()
        .map(|v| (key(*v).to_owned(), tr.t(&format!("{prefix}{}", key(*v))), false))
        .collect()
}

fn cell_label(g: &Grid, c: Cell, tr: Tr) -> String {
    g.epithet(c)
        .map(|e| e.get(tr.lang).to_owned())
        .unwrap_or_default()
}

fn grids(r: &Record, d: Option<&Development>, tr: Tr) -> Vec<GridView> {
    let lang = tr.lang;
    Grid::shipped()
        .into_iter()
        .map(|g| {
            let placed = d.and_then(|d| d.placements.iter().find(|p| p.grid.id == g.id));
            let role = d
                .and_then(|d| d.role_placements.iter().find(|p| p.grid.id == g.id))
                .map(|p| cell_label(&g, p.now, tr));
            let epithets: Vec<String> = g.epithets.iter().map(|e| e.get(lang).to_owned()).collect();
            let now_label = tr.t("grid-now");
            let target_label = tr.t("grid-target");
            let svg = grid::render(&grid::Grid {
                id: &format!("grid-{}", g.id),
                title: g.name.get(lang),
                desc: &tr.t1("grid-desc", "name", r.person.name.as_str()),
                x_axis: g.x_axis.get(lang),
                y_axis: g.y_axis.get(lang),
                columns: g.columns,
                rows: g.rows,
                epithets: &epithets,
                now: placed.map(|p| (p.now.column, p.now.row, now_label.as_str())),
                target: placed
                    .and_then(|p| p.target)
                    .map(|t| (t.column, t.row, target_label.as_str())),
            });
            let mut cells = Vec::new();
            for row in (0..g.rows).rev() {
                for column in 0..g.columns {
                    let c = Cell { column, row };
                    cells.push((
                        format!("{column},{row}"),
                        cell_label(&g, c, tr),
                        placed.is_some_and(|p| p.now == c),
                        placed.is_some_and(|p| p.target == Some(c)),
                    ));
                }
            }
            let path = placed
                .and_then(|p| Some((p.now, p.target?)))
                .map(|(now, target)| {
                    let (x, y) = Grid::path(now, target);
                    if (x, y) == (0, 0) {
                        tr.t("grid-path-there")
                    } else {
                        tr.tn(
                            "grid-path",
                            &[
                                ("x", &format!("{x:+}")),
                                ("xaxis", g.x_axis.get(lang)),
                                ("y", &format!("{y:+}")),
                                ("yaxis", g.y_axis.get(lang)),
                            ],
                        )
                    }
                });
            GridView {
                path,
                cells,
                key: g.id.clone(),
                name: g.name.get(lang).to_owned(),
                now: placed
                    .map(|p| cell_label(&g, p.now, tr))
                    .unwrap_or_else(|| "–".into()),
                target: placed
                    .and_then(|p| p.target)
                    .map(|t| cell_label(&g, t, tr))
                    .unwrap_or_else(|| "–".into()),
                role,
                svg,
            }
        })
        .collect()
}

async fn page(c: &PageCtx, person: Uuid, errors: Vec<String>, status: StatusCode) -> Page {
    let tr = c.tr;
    let lang = tr.lang;
    let app = &c.state.app;
    let actor = &c.org.actor;
    let r = app
        .competence()
        .competence_record(actor, PersonId(person))
        .await
        .map_err(c.err())?;
    let d = if r.access.view {
        Some(
            app.competence()
                .development(actor, PersonId(person))
                .await
                .map_err(c.err())?,
        )
    } else {
        None
    };
    let base = format!("/orgs/{}/people/{person}/competence", actor.org);
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "people", &base).await?;
    let f = &r.framework;
    let names: HashMap<&str, &str> = f
        .areas
        .iter()
        .flat_map(|a| &a.competences)
        .map(|c| (c.id.as_str(), c.name.get(lang)))
        .collect();
    let name_of = |id: &str| names.get(id).copied().unwrap_or(id).to_owned();
    let standing_rows = r
        .standings
        .iter()
        .map(|s| {
            let mut row = vec![
                name_of(&s.competence),
                s.required.map(|l| l.to_string()).unwrap_or("–".into()),
            ];
            row.extend(Source::ALL.iter().map(|src| level(s.by_source.get(src).copied())));
            row.push(level(s.combined));
            row.push(signed(s.gap()));
            row.push(signed(s.change()));
            row
        })
        .collect();
    let today = chrono::Utc::now().date_naive();
    let actions = d
        .as_ref()
        .map(|d| {
            d.actions
                .iter()
                .map(|a| ActionRow {
                    id: a.id,
                    title: a.action.title.clone(),
                    kind: tr.t(&format!("action-kind-{}", a.action.kind.as_str())),
                    competences: a
                        .action
                        .competences
                        .iter()
                        .map(|c| name_of(c))
                        .collect::<Vec<_>>()
                        .join(", "),
                    due: a.action.due.map(|d| d.to_string()).unwrap_or_default(),
                    overdue: a.action.is_overdue(today),
                    status: ActionStatus::ALL
                        .iter()
                        .map(|s| {
                            let k = s.as_str();
                            (
                                k.to_owned(),
                                tr.t(&format!("action-status-{k}")),
                                *s == a.action.status,
                            )
                        })
                        .collect(),
                })
                .collect()
        })
        .unwrap_or_default();
    let role = r.role.as_ref();
    let history = r
        .history
        .iter()
        .map(|h| {
            vec![
                h.at.format("%Y-%m-%d").to_string(),
                name_of(&h.competence),
                tr.t(&format!("source-{}", h.source.as_str())),
                h.level.to_string(),
                h.assessor.clone().unwrap_or_else(|| "–".into()),
                h.note.clone(),
            ]
        })
        .collect();
    let page = PersonPage {
        heading: tr.t1("person-competence-title", "name", r.person.name.as_str()),
        errors,
        view: r.access.view,
        develop: r.access.develop,
        consent: r.access.consent,
        mentor_may_see: r.mentor_may_see,
        framework_name: f.name.get(lang).to_owned(),
        role_name: role.map(|x| x.name.get(lang).to_owned()),
        works_with: role
            .map(|x| {
                x.works_with
                    .iter()
                    .map(|w| w.get(lang))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default(),
        frameworks: r
            .frameworks
            .iter()
            .map(|x| {
                let name = if lang == mognad_domain::org::Language::Sv {
                    &x.name_sv
                } else {
                    &x.name_en
                };
                (
                    x.id.to_string(),
                    format!("{name} (v{})", x.version),
                    x.id == r.framework_id,
                )
            })
            .collect(),
        roles: f
            .roles
            .iter()
            .map(|x| {
                (
                    x.id.clone(),
                    x.name.get(lang).to_owned(),
                    role.is_some_and(|r| r.id == x.id),
                )
            })
            .collect(),
        standing_rows,
        grids: grids(&r, d.as_ref(), tr),
        progress: d
            .as_ref()
            .and_then(|d| d.progress)
            .map(|p| tr.t1("plan-progress", "percent", p))
            .unwrap_or_else(|| tr.t("plan-empty")),
        actions,
        kinds: opts(ActionKind::ALL, ActionKind::as_str, tr, "action-kind-"),
        sources: r
            .access
            .sources
            .iter()
            .map(|s| {
                (
                    s.as_str().to_owned(),
                    tr.t(&format!("source-{}", s.as_str())),
                    false,
                )
            })
            .collect(),
        competences: f
            .areas
            .iter()
            .flat_map(|a| &a.competences)
            .map(|c| (c.id.clone(), c.name.get(lang).to_owned(), false))
            .collect(),
        levels: f
            .levels
            .iter()
            .enumerate()
            .map(|(i, v)| {
                (
                    (i + 1).to_string(),
                    format!("{} – {}", i + 1, v.name.get(lang)),
                    false,
                )
            })
            .collect(),
        history,
        base,
        l,
    };
    let mut res = render(page);
    *res.status_mut() = status;
    Ok(res)
}

pub async fn show(c: PageCtx, IdParam(id): IdParam) -> Page {
    page(&c, id, Vec::new(), StatusCode::OK).await
}

/// Back to the page after a write, or the page again with the input's errors.
async fn after(c: PageCtx, id: Uuid, result: Result<(), AppError>, anchor: &str) -> Page {
    let to = format!("/orgs/{}/people/{id}/competence#{anchor}", c.org.actor.org);
    after_write(
        &c,
        result,
        |()| to,
        |errors| page(&c, id, errors, StatusCode::UNPROCESSABLE_ENTITY),
    )
    .await
}

pub async fn assess(c: PageCtx, IdParam(id): IdParam, Form(input): Form<AssessInput>) -> Page {
    let r = c
        .state
        .app
        .competence()
        .assess(&c.org.actor, PersonId(id), &input)
        .await;
    after(c, id, r, "assess").await
}

#[derive(Debug, Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    pub framework_id: String,
    #[serde(default)]
    pub role: String,
}

pub async fn set_role(c: PageCtx, IdParam(id): IdParam, Form(f): Form<RoleForm>) -> Page {
    let Ok(framework) = Uuid::parse_str(f.framework_id.trim()) else {
        let e = mognad_app::Invalid::new("framework_id", "framework", "choose a framework");
        return after(c, id, Err(e.into()), "profile").await;
    };
    let r = c
        .state
        .app
        .competence()
        .set_target_role(&c.org.actor, PersonId(id), FrameworkId(framework), Some(&f.role))
        .await;
    after(c, id, r, "profile").await
}

#[derive(Debug, Deserialize)]
pub struct ConsentForm {
    #[serde(default)]
    pub allow: Option<String>,
}

pub async fn consent(c: PageCtx, IdParam(id): IdParam, Form(f): Form<ConsentForm>) -> Page {
    let allow = f.allow.as_deref() == Some("1");
    let r = c
        .state
        .app
        .competence()
        .set_mentor_consent(&c.org.actor, PersonId(id), allow)
        .await;
    after(c, id, r, "profile").await
}

pub async fn place(c: PageCtx, IdParam(id): IdParam, Form(input): Form<PlaceInput>) -> Page {
    let r = c
        .state
        .app
        .competence()
        .place(&c.org.actor, PersonId(id), &input)
        .await;
    after(c, id, r, "grids").await
}

pub async fn add_action(c: PageCtx, IdParam(id): IdParam, Form(input): Form<ActionInput>) -> Page {
    let r = c
        .state
        .app
        .competence()
        .add_action(&c.org.actor, PersonId(id), &input)
        .await
        .map(|_| ());
    after(c, id, r, "plan").await
}

#[derive(Debug, Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    pub status: String,
}

pub async fn action_status(
    c: PageCtx,
    IdParam(id): IdParam,
    crate::extract::ActionParam(action): crate::extract::ActionParam,
    Form(f): Form<StatusForm>,
) -> Page {
    let r = c
        .state
        .app
        .competence()
        .set_action_status(&c.org.actor, PersonId(id), ActionId(action), &f.status)
        .await;
    after(c, id, r, "plan").await
}
