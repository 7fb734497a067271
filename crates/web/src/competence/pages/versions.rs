//! The versions of a framework as its page shows them: what each other version adds, changes
//! and removes compared with this one, and the administrator's move of everyone on a version
//! to this one (records carried over; `app::competence::moves`). Also the person page's note
//! that a newer version exists.

use crate::error::WebError;
use crate::extract::{IdParam, QueryOr};
use crate::i18n::Tr;
use crate::page::PageCtx;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_domain::competence::Framework;
use mognad_domain::competence::versions::{Changes, changes};
use mognad_domain::ids::FrameworkId;
use mognad_domain::role::Role;

/// Another version of the framework shown, and what moving to this one means.
pub struct VersionRow {
    pub label: String,
    pub href: String,
    /// Sentences of what this page's version has that that one does not.
    pub changes: Vec<String>,
    /// The other version's id, for the move form (administrators only).
    pub move_from: Option<String>,
}

/// What the page says after a move.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Shown {
    pub moved: Option<usize>,
    pub without: Option<usize>,
    /// Set after an edit saved this version.
    pub saved: Option<u8>,
}

impl Shown {
    pub fn message(&self, tr: Tr) -> Option<String> {
        if self.saved.is_some() {
            return Some(tr.t("fe-saved"));
        }
        self.moved.map(|n| {
            tr.tn(
                "fv-moved",
                &[
                    ("people", &n.to_string()),
                    ("without", &self.without.unwrap_or(0).to_string()),
                ],
            )
        })
    }
}

/// The sentences naming what `new` adds, changes and removes compared with `old`, competences
/// and roles by name in the reader's language.
pub fn describe(tr: Tr, old: &Framework, new: &Framework, c: &Changes) -> Vec<String> {
    if c.is_empty() {
        return vec![tr.t("fv-same")];
    }
    let name = |id: &String| {
        new.competence(id)
            .or_else(|| old.competence(id))
            .map(|c| c.name.get(tr.lang).to_owned())
            .unwrap_or_else(|| id.clone())
    };
    let role = |id: &String| {
        new.roles
            .iter()
            .chain(&old.roles)
            .find(|r| &r.id == id)
            .map(|r| r.name.get(tr.lang).to_owned())
            .unwrap_or_else(|| id.clone())
    };
    let list =
        |ids: &[String], f: &dyn Fn(&String) -> String| ids.iter().map(f).collect::<Vec<_>>().join(", ");
    let area = |id: &String| {
        new.areas
            .iter()
            .chain(&old.areas)
            .find(|a| &a.id == id)
            .map(|a| a.name.get(tr.lang).to_owned())
            .unwrap_or_else(|| id.clone())
    };
    let levels = c
        .levels
        .iter()
        .map(|n| {
            let l = new.levels.get(n - 1).or_else(|| old.levels.get(n - 1));
            l.map_or(n.to_string(), |l| format!("{n} ({})", l.name.get(tr.lang)))
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut out: Vec<String> = [
        ("fv-added", list(&c.added, &name)),
        ("fv-changed", list(&c.changed, &name)),
        ("fv-removed", list(&c.removed, &name)),
        ("fv-roles", list(&c.roles, &role)),
        ("fv-roles-added", list(&c.roles_added, &role)),
        ("fv-roles-removed", list(&c.roles_removed, &role)),
        ("fv-roles-reworded", list(&c.roles_reworded, &role)),
        ("fv-levels", levels),
        ("fv-areas", list(&c.areas, &area)),
    ]
    .into_iter()
    .filter(|(_, l)| !l.is_empty())
    .map(|(k, l)| tr.t1(k, "list", l))
    .collect();
    if c.framework {
        out.push(tr.t("fv-framework"));
    }
    out
}

/// The other versions of framework `id` (`f`), newest first.
pub async fn rows(c: &PageCtx, id: FrameworkId, f: &Framework) -> Result<Vec<VersionRow>, WebError> {
    let app = c.state.app.competence();
    let actor = &c.org.actor;
    let all = app.frameworks(actor).await.map_err(c.err())?;
    let admin = actor.role.at_least(Role::Admin);
    let mut out = Vec::new();
    for other in all.iter().rev().filter(|o| o.key == f.id && o.id != id) {
        let old = app.framework(actor, other.id).await.map_err(c.err())?;
        out.push(VersionRow {
            label: c.tr.t1("fv-version", "version", other.version),
            href: format!("/orgs/{}/frameworks/{}", actor.org, other.id),
            changes: describe(c.tr, &old, f, &changes(&old, f)),
            move_from: admin.then(|| other.id.to_string()),
        });
    }
    Ok(out)
}

#[derive(Debug, serde::Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    pub from: String,
}

/// Moves everyone on the version `from` to this one and says how many moved.
pub async fn move_here(
    c: PageCtx,
    IdParam(id): IdParam,
    axum::Form(f): axum::Form<MoveForm>,
) -> Result<Response, WebError> {
    let moved = c
        .state
        .app
        .competence()
        .move_version(&c.org.actor, &f.from, FrameworkId(id))
        .await
        .map_err(c.err())?;
    Ok(Redirect::to(&format!(
        "/orgs/{}/frameworks/{id}?moved={}&without={}#versions",
        c.org.actor.org, moved.people, moved.without_role
    ))
    .into_response())
}

/// The query of the framework page.
pub type ShownQuery = QueryOr<Shown>;
