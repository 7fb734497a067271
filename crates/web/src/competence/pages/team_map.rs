//! The competence heatmap of a unit or a team: people × competences, each cell the combined
//! level shaded by how it meets what that person's own role requires, and the coverage risks listed
//! above it. Large teams stay one table: each cell is a few bytes of markup.

use crate::error::WebError;
use crate::extract::IdParam;
use crate::extract::QueryOr;
use crate::page::{PageCtx, org_layout, render};
use askama::Template;
use axum::response::Response;
use mognad_app::competence::team_map::{Scope, TeamView};
use mognad_domain::competence::team::Coverage;
use mognad_domain::ids::{FrameworkId, TeamId, UnitId};
use serde::Deserialize;
use std::fmt::Write;
use uuid::Uuid;

type Page = Result<Response, WebError>;

#[derive(Template)]
#[template(path = "team_competence.html")]
pub struct TeamPage {
    pub l: crate::views::Layout,
    pub heading: String,
    pub action: String,
    /// The talent overview of the same unit or team.
    pub talent: String,
    pub frameworks: Vec<(String, String, bool)>,
    pub risks: Vec<String>,
    pub hidden: Option<String>,
    pub columns: Vec<String>,
    pub required: Vec<String>,
    /// The body rows, written directly: 500 × 60 cells through the template engine cost more
    /// than the rest of the page.
    pub body: String,
    pub empty: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct FrameworkQuery {
    #[serde(default)]
    pub framework: Option<String>,
}

/// The cell's class: below, at or above what the person's own role requires (none when it
/// requires nothing of the competence, or the person has no role).
fn class(level: Option<f32>, required: Option<u8>) -> &'static str {
    match (level, required) {
        (None, _) => "h0",
        (Some(l), Some(r)) if l + 0.05 < f32::from(r) => "hb",
        (Some(_), Some(_)) => "hm",
        (Some(_), None) => "hn",
    }
}

fn body(v: &TeamView, base: &str) -> String {
    let mut out = String::with_capacity(v.people.len() * (v.matrix.competences.len() * 24 + 120));
    for (r, (id, name)) in v.people.iter().zip(&v.matrix.people).enumerate() {
        let _ = write!(
            out,
            "<tr><th scope=\"row\"><a href=\"{base}/people/{id}/competence\">{}</a></th>",
            askama::filters::escape(name, askama::filters::Html)
                .map(|e| e.to_string())
                .unwrap_or_default()
        );
        for (c, level) in v.matrix.levels[r].iter().enumerate() {
            let text = level.map(|l| format!("{l:.1}")).unwrap_or_else(|| "–".into());
            let _ = write!(
                out,
                "<td class=\"{}\">{text}</td>",
                class(*level, v.matrix.own[r][c])
            );
        }
        out.push_str("</tr>");
    }
    out
}

async fn page(c: PageCtx, scope: Scope, q: FrameworkQuery, here: String, name_key: &str) -> Page {
    let tr = c.tr;
    let lang = tr.lang;
    let framework = q.framework.as_deref().and_then(|f| Uuid::parse_str(f).ok());
    let app = &c.state.app;
    let v = app
        .competence()
        .team_competence(&c.org.actor, scope, framework.map(FrameworkId))
        .await
        .map_err(c.err())?;
    let frameworks = app.competence().frameworks(&c.org.actor).await.map_err(c.err())?;
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, name_key, &here).await?;
    let f = &v.framework;
    let names: Vec<(String, String)> = f
        .areas
        .iter()
        .flat_map(|a| &a.competences)
        .map(|c| (c.id.clone(), c.name.get(lang).to_owned()))
        .collect();
    let name_of = |id: &str| {
        names
            .iter()
            .find(|(k, _)| k == id)
            .map_or(id.to_owned(), |(_, n)| n.clone())
    };
    let risks = v
        .risks
        .iter()
        .map(|r| {
            let (competence, level) = (name_of(&r.competence), r.required.to_string());
            let holder = r.holder.as_deref().unwrap_or("");
            let key = match r.coverage {
                Coverage::Uncovered => "team-risk-none",
                Coverage::Single => "team-risk-single",
            };
            tr.tn(
                key,
                &[("competence", &competence), ("level", &level), ("holder", holder)],
            )
        })
        .collect();
    let base = format!("/orgs/{}", c.org.actor.org);
    Ok(render(TeamPage {
        heading: tr.t1("team-competence-title", "name", &v.name),
        action: here.clone(),
        talent: format!("{}/talent", here.trim_end_matches("/competence")),
        frameworks: super::framework_options(&frameworks, lang, v.framework_id),
        risks,
        hidden: (v.hidden > 0).then(|| tr.t1("team-hidden", "n", v.hidden)),
        columns: names.into_iter().map(|(_, n)| n).collect(),
        required: v
            .matrix
            .required
            .iter()
            .map(|r| r.map(|r| r.to_string()).unwrap_or("–".into()))
            .collect(),
        body: body(&v, &base),
        empty: v.people.is_empty(),
        l,
    }))
}

pub async fn unit(c: PageCtx, IdParam(id): IdParam, QueryOr(q): QueryOr<FrameworkQuery>) -> Page {
    let here = format!("/orgs/{}/units/{id}/competence", c.org.actor.org);
    page(c, Scope::Unit(UnitId(id)), q, here, "units").await
}

pub async fn team(c: PageCtx, IdParam(id): IdParam, QueryOr(q): QueryOr<FrameworkQuery>) -> Page {
    let here = format!("/orgs/{}/teams/{id}/competence", c.org.actor.org);
    page(c, Scope::Team(TeamId(id)), q, here, "teams").await
}
