//! The leadership checks page: each check as a section with its explanation and findings.

use crate::error::WebError;
use crate::extract::QueryOr;
use crate::page::{PageCtx, org_layout, render};
use crate::views::Layout;
use askama::Template;
use axum::response::Response;
use mognad_app::org::checks::{ChecksView, DEFAULT_SPAN};
use serde::Deserialize;

pub struct Section {
    pub heading: String,
    pub explain: String,
    pub items: Vec<String>,
}

#[derive(Template)]
#[template(path = "checks.html")]
pub struct ChecksPage {
    pub l: Layout,
    pub intro: String,
    pub action: String,
    pub min: usize,
    pub max: usize,
    pub sections: Vec<Section>,
}

/// The expected span of control, from the page's own form.
#[derive(Deserialize, Default, utoipa::IntoParams)]
pub struct SpanQuery {
    /// Fewest direct reports expected of a supervisor.
    #[param(minimum = 0, maximum = 100000)]
    #[serde(default, deserialize_with = "span_bound")]
    pub min: Option<usize>,
    /// Most direct reports expected of a supervisor.
    #[param(minimum = 0, maximum = 100000)]
    #[serde(default, deserialize_with = "span_bound")]
    pub max: Option<usize>,
}

/// A span bound as documented: no organisation has a supervisor of more than 100,000 people.
fn span_bound<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
    let v = Option::<usize>::deserialize(d)?;
    match v {
        Some(n) if n > 100_000 => Err(serde::de::Error::custom(format!("{n} is over 100000"))),
        v => Ok(v),
    }
}

impl SpanQuery {
    pub fn span(&self) -> (usize, usize) {
        (
            self.min.unwrap_or(DEFAULT_SPAN.0),
            self.max.unwrap_or(DEFAULT_SPAN.1),
        )
    }
}

fn sections(tr: crate::i18n::Tr, c: &ChecksView) -> Vec<Section> {
    let names = |v: &[mognad_app::org::checks::PersonRef]| v.iter().map(|p| p.name.clone()).collect();
    let section = |key: &str, items: Vec<String>| Section {
        heading: tr.t(&format!("checks-{key}")),
        explain: tr.t(&format!("checks-{key}-explain")),
        items,
    };
    vec![
        section(
            "cycles",
            c.cycles
                .iter()
                .map(|cy| cy.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(" → "))
                .collect(),
        ),
        section("without-supervisor", names(&c.without_supervisor)),
        section("supervisors-without-team", names(&c.supervisors_without_team)),
        section(
            "lead-mismatches",
            c.lead_mismatches
                .iter()
                .map(|m| {
                    let sup = m
                        .supervisor
                        .as_ref()
                        .map(|s| s.name.clone())
                        .unwrap_or_else(|| "–".into());
                    let contact = tr.t(if m.supervisor_in_contact {
                        "checks-in-contact"
                    } else {
                        "checks-no-contact"
                    });
                    format!(
                        "{}: {} ({} {}, {} {}) – {contact}",
                        m.team,
                        m.member.name,
                        tr.t("checks-lead"),
                        m.lead.name,
                        tr.t("checks-supervisor"),
                        sup
                    )
                })
                .collect(),
        ),
        section("without-mentor", names(&c.without_mentor)),
        section(
            "span",
            c.span_outside
                .iter()
                .map(|s| format!("{}: {}", s.person.name, s.direct_reports))
                .collect(),
        ),
    ]
}

pub async fn page(c: PageCtx, QueryOr(q): QueryOr<SpanQuery>) -> Result<Response, WebError> {
    let tr = c.tr;
    let checks = c
        .state
        .app
        .org()
        .leadership_checks(&c.org.actor, q.span())
        .await
        .map_err(c.err())?;
    let here = format!("/orgs/{}/checks", c.org.actor.org);
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "checks", &here).await?;
    Ok(render(ChecksPage {
        l,
        intro: tr.t1("checks-intro", "day", checks.day),
        action: here,
        min: checks.span_min,
        max: checks.span_max,
        sections: sections(tr, &checks),
    }))
}
