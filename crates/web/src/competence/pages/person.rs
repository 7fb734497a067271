//! A person's competence page: profile against the target role, the positioning grids with
//! now and target, the gap per competence by source, the development plan, the assessment
//! form and the history. What shows follows the reader's access; forms post back here and a
//! refused input re-renders the page with its errors.

use super::person_grid::grids;
use crate::error::WebError;
use crate::extract::IdParam;
use crate::i18n::Tr;
use crate::page::{PageCtx, org_layout, render};
use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use mognad_domain::competence::assessment::Source;
use mognad_domain::competence::plan::{ActionKind, ActionStatus};
use mognad_domain::ids::PersonId;
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
    /// (epithet, what it means), from the top row down.
    pub legend: Vec<(String, String)>,
}

pub struct ActionRow {
    pub id: mognad_domain::ids::ActionId,
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
    pub newer: Option<Newer>,
}

/// A newer version of the person's framework: what it changes, and the move to it.
pub struct Newer {
    pub heading: String,
    pub button: String,
    pub changes: Vec<String>,
    pub framework_id: String,
    /// The person's role, when the newer version has it too.
    pub role: String,
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

pub(crate) async fn page(c: &PageCtx, person: Uuid, errors: Vec<String>, status: StatusCode) -> Page {
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
    let newer = match &r.newer {
        Some((info, changes)) => {
            let new = app
                .competence()
                .framework(actor, info.id)
                .await
                .map_err(c.err())?;
            let version = info.version.to_string();
            Some(Newer {
                heading: tr.t1("pc-newer", "version", &version),
                button: tr.t1("pc-move-newer", "version", &version),
                changes: super::versions::describe(tr, f, &new, changes),
                framework_id: info.id.to_string(),
                role: role
                    .filter(|x| new.roles.iter().any(|n| n.id == x.id))
                    .map(|x| x.id.clone())
                    .unwrap_or_default(),
            })
        }
        None => None,
    };
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
        newer,
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
        frameworks: super::framework_options(&r.frameworks, lang, r.framework_id),
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
