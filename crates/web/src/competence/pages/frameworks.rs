//! Pages for competence frameworks: the organisation's frameworks, and one framework with its
//! proficiency levels, areas and competences in the reader's language.

use crate::csrf;
use crate::error::WebError;
use crate::extract::IdParam;
use crate::measurement::pages::exports::{attachment, file_name};
use crate::page::{PageCtx, org_layout, render};
use crate::views::{Cell, Layout};
use askama::Template;
use axum::body::Body;
use axum::extract::Multipart;
use axum::http::StatusCode;
use axum::response::Response;
use axum::response::{IntoResponse, Redirect};
use mognad_app::AppError;
use mognad_domain::competence::grid::{Cell as GridCell, Grid};
use mognad_domain::ids::FrameworkId;
use mognad_domain::org::Language;
use mognad_domain::role::Role;

type Page = Result<Response, WebError>;

/// (name, description, [(competence, description, codes, interfaces)]) of one area.
pub type AreaRows = (String, String, Vec<(String, String, String, String)>);

pub struct RoleRows {
    pub id: String,
    /// The role's cell on the default grid, if placed.
    pub cell: Option<String>,
    /// (value "column,row", epithet, selected) of the default grid's cells.
    pub cells: Vec<(String, String, bool)>,
    pub name: String,
    pub description: String,
    pub works_with: String,
    /// (competence, "level – level name").
    pub requires: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "framework.html")]
pub struct FrameworkPage {
    pub l: Layout,
    pub heading: String,
    pub back: String,
    pub description: String,
    pub levels: Vec<(String, String)>,
    pub areas: Vec<AreaRows>,
    pub roles: Vec<RoleRows>,
    pub downloads: String,
    pub admin: bool,
    pub grid_name: String,
    pub versions: Vec<super::versions::VersionRow>,
    /// What a move just did.
    pub moved: Option<String>,
}

#[derive(Template)]
#[template(path = "frameworks.html")]
pub struct FrameworksPage {
    pub l: Layout,
    pub rows: Vec<Vec<Cell>>,
    pub upload: Option<String>,
    pub errors: Vec<String>,
}

async fn list_page(c: &PageCtx, errors: Vec<String>, status: StatusCode) -> Page {
    let tr = c.tr;
    let here = format!("/orgs/{}/frameworks", c.org.actor.org);
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "frameworks", &here).await?;
    let list = c
        .state
        .app
        .competence()
        .frameworks(&c.org.actor)
        .await
        .map_err(c.err())?;
    let rows = list
        .iter()
        .map(|f| {
            let name = match tr.lang {
                Language::Sv => &f.name_sv,
                Language::En => &f.name_en,
            };
            vec![
                Cell::link(name, format!("{here}/{}", f.id)),
                Cell::text(&f.key),
                Cell::text(f.version.to_string()),
            ]
        })
        .collect();
    let upload = c
        .org
        .actor
        .role
        .at_least(Role::Admin)
        .then(|| format!("{here}?{}={}", csrf::FIELD, c.csrf.0));
    let mut res = render(FrameworksPage {
        l,
        rows,
        upload,
        errors,
    });
    *res.status_mut() = status;
    Ok(res)
}

pub async fn list(c: PageCtx) -> Page {
    list_page(&c, Vec::new(), StatusCode::OK).await
}

/// A framework file, a Moodle CSV, or ESCO CSV files; `kind` says which.
pub async fn upload(c: PageCtx, mut form: Multipart) -> Page {
    let tr = c.tr;
    let bad = WebError::multipart(tr);
    let (mut kind, mut files, mut not_text) = (String::new(), Vec::new(), false);
    while let Some(field) = form.next_field().await.map_err(bad)? {
        match field.name() {
            Some("kind") => kind = field.text().await.map_err(bad)?,
            Some("file") => {
                let name = field.file_name().unwrap_or("file").to_owned();
                let bytes = field.bytes().await.map_err(bad)?;
                if bytes.is_empty() {
                    continue;
                }
                match String::from_utf8(bytes.to_vec()) {
                    Ok(text) => files.push((name, text)),
                    Err(_) => not_text = true,
                }
            }
            _ => {}
        }
    }
    if not_text {
        return list_page(
            &c,
            vec![tr.t("frameworks-not-utf8")],
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    if files.is_empty() {
        return list_page(&c, vec![tr.t("import-no-file")], StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let app = &c.state.app;
    let actor = &c.org.actor;
    let result = match kind.trim() {
        "moodle" => app.competence().import_framework(actor, "moodle", &files).await,
        "esco" => app.competence().import_framework(actor, "esco", &files).await,
        _ => match files.as_slice() {
            [(_, src)] => app.competence().upload_framework(actor, src).await,
            _ => {
                return list_page(
                    &c,
                    vec![tr.t("frameworks-one-file")],
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
        },
    };
    match result {
        Ok(f) => Ok(Redirect::to(&format!("/orgs/{}/frameworks/{}", actor.org, f.id)).into_response()),
        Err(AppError::Invalid(list)) => {
            list_page(
                &c,
                list.iter().map(|i| crate::page::translated(i, tr)).collect(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e @ AppError::Conflict { .. }) => {
            let said = crate::error::conflict_text(&e, tr).unwrap_or_default();
            list_page(&c, vec![said], StatusCode::CONFLICT).await
        }
        Err(e) => Err(c.err()(e)),
    }
}

pub async fn download_toml(c: PageCtx, IdParam(id): IdParam) -> Page {
    let (name, source) = c
        .state
        .app
        .competence()
        .framework_file(&c.org.actor, FrameworkId(id))
        .await
        .map_err(c.err())?;
    Ok(attachment(
        "application/toml; charset=utf-8",
        &file_name(&name, "framework.toml"),
        Body::from(source),
    ))
}

pub async fn download_moodle(c: PageCtx, IdParam(id): IdParam) -> Page {
    let app = &c.state.app;
    let (name, csv) = app
        .competence()
        .framework_moodle(&c.org.actor, FrameworkId(id), c.tr.lang)
        .await
        .map_err(c.err())?;
    Ok(attachment(
        "text/csv; charset=utf-8",
        &file_name(&name, "moodle.csv"),
        Body::from(csv),
    ))
}

pub async fn show(c: PageCtx, IdParam(id): IdParam, shown: super::versions::ShownQuery) -> Page {
    let tr = c.tr;
    let f = c
        .state
        .app
        .competence()
        .framework(&c.org.actor, FrameworkId(id))
        .await
        .map_err(c.err())?;
    let back = format!("/orgs/{}/frameworks", c.org.actor.org);
    let l = org_layout(
        &c.state,
        &c.org,
        tr,
        &c.csrf,
        "frameworks",
        &format!("{back}/{id}"),
    )
    .await?;
    let lang = tr.lang;
    let areas = f
        .areas
        .iter()
        .map(|a| {
            let competences = a
                .competences
                .iter()
                .map(|c| {
                    let codes = [
                        ("ESCO", &c.codes.esco),
                        ("e-CF", &c.codes.ecf),
                        ("SFIA", &c.codes.sfia),
                    ]
                    .iter()
                    .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k} {v}")))
                    .collect::<Vec<_>>()
                    .join(", ");
                    let interfaces = c
                        .interfaces
                        .iter()
                        .map(|i| i.get(lang))
                        .collect::<Vec<_>>()
                        .join(" · ");
                    (
                        c.name.get(lang).to_owned(),
                        c.description.get(lang).to_owned(),
                        codes,
                        interfaces,
                    )
                })
                .collect();
            (
                a.name.get(lang).to_owned(),
                a.description.get(lang).to_owned(),
                competences,
            )
        })
        .collect();
    let placed = c
        .state
        .app
        .competence()
        .role_placements(&c.org.actor, FrameworkId(id))
        .await
        .map_err(c.err())?;
    let grid = Grid::default_quadrants();
    let roles = f
        .roles
        .iter()
        .map(|r| {
            let now = placed
                .iter()
                .find(|(k, _)| *k == r.id)
                .and_then(|(_, p)| p.iter().find(|x| x.grid.id == grid.id))
                .map(|p| p.now);
            let mut cells = Vec::new();
            for row in (0..grid.rows).rev() {
                for column in 0..grid.columns {
                    let cell = GridCell { column, row };
                    let label = grid
                        .epithet(cell)
                        .map(|e| e.get(lang).to_owned())
                        .unwrap_or_default();
                    cells.push((format!("{column},{row}"), label, now == Some(cell)));
                }
            }
            (r, now, cells)
        })
        .map(|(r, now, cells)| RoleRows {
            id: r.id.clone(),
            cell: now.and_then(|n| grid.epithet(n)).map(|e| e.get(lang).to_owned()),
            cells,
            name: r.name.get(lang).to_owned(),
            description: r.description.get(lang).to_owned(),
            works_with: r
                .works_with
                .iter()
                .map(|w| w.get(lang))
                .collect::<Vec<_>>()
                .join(", "),
            requires: r
                .requires
                .iter()
                .map(|(c, level)| {
                    let name = f
                        .competence(c)
                        .map(|c| c.name.get(lang).to_owned())
                        .unwrap_or_default();
                    let label = f
                        .levels
                        .get(usize::from(*level) - 1)
                        .map(|l| l.name.get(lang))
                        .unwrap_or("");
                    (name, format!("{level} – {label}"))
                })
                .collect(),
        })
        .collect();
    let versions = super::versions::rows(&c, FrameworkId(id), &f).await?;
    Ok(render(FrameworkPage {
        l,
        roles,
        versions,
        moved: shown.0.message(tr),
        heading: tr.tn(
            "fv-heading",
            &[("name", f.name.get(lang)), ("version", &f.version.to_string())],
        ),
        downloads: format!("{back}/{id}"),
        admin: c.org.actor.role.at_least(Role::Admin),
        grid_name: grid.name.get(lang).to_owned(),
        back,
        description: f.description.get(lang).to_owned(),
        levels: f
            .levels
            .iter()
            .map(|v| (v.name.get(lang).to_owned(), v.description.get(lang).to_owned()))
            .collect(),
        areas,
    }))
}

#[derive(Debug, serde::Deserialize)]
pub struct RoleCellForm {
    #[serde(default)]
    pub now: String,
}

/// Places a role on the default grid, from the framework page.
pub async fn place_role(
    c: PageCtx,
    IdParam(id): IdParam,
    axum::extract::Path(params): axum::extract::Path<std::collections::HashMap<String, String>>,
    axum::Form(f): axum::Form<RoleCellForm>,
) -> Page {
    let role = params.get("role").cloned().unwrap_or_default();
    let input = mognad_app::competence::develop::PlaceInput {
        grid: Grid::default_quadrants().id,
        now: f.now,
        target: String::new(),
    };
    c.state
        .app
        .competence()
        .place_role(&c.org.actor, FrameworkId(id), &role, &input)
        .await
        .map_err(c.err())?;
    Ok(Redirect::to(&format!("/orgs/{}/frameworks/{id}#role-{role}", c.org.actor.org)).into_response())
}
