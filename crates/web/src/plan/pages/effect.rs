//! The effect view: per engine, the initiatives aimed at it with the change in the groups each
//! works with, the organisation's change, and the groups with initiatives set against the
//! others — every interval also said in words.

use crate::error::WebError;
use crate::i18n::Tr;
use crate::page::{PageCtx, org_layout, render};
use askama::Template;
use axum::response::Response;
use mognad_app::measurement::compare::ChangeView;
use mognad_app::plan::effect::PooledChange;
use mognad_domain::org::Language;

pub struct InitiativeCell {
    pub href: String,
    pub title: String,
    pub status: String,
    /// The change where it works, said with its basis ("in its 2 groups: +8.1 (…)").
    pub change: String,
    /// Each named group with its change.
    pub groups: Vec<(String, String)>,
}

pub struct Row {
    pub name: String,
    pub initiatives: Vec<InitiativeCell>,
    pub change: String,
    pub verdict: String,
    /// The groups with initiatives against the rest, or empty when no initiative names a group.
    pub contrast: Vec<String>,
}

#[derive(Template)]
#[template(path = "effect.html")]
pub struct EffectPage {
    pub l: crate::views::Layout,
    pub heading: Option<String>,
    pub rows: Vec<Row>,
}

fn interval(c: &Option<ChangeView>) -> String {
    c.as_ref()
        .map(|ch| format!("{:+.1} ({:+.1} … {:+.1})", ch.diff, ch.low, ch.high))
        .unwrap_or_else(|| "–".into())
}

fn verdict(tr: Tr, c: &Option<ChangeView>) -> String {
    match c {
        Some(ch) if ch.clear && ch.diff > 0.0 => tr.t("effect-up"),
        Some(ch) if ch.clear => tr.t("effect-down"),
        Some(_) => tr.t("effect-unclear"),
        None => tr.t("effect-none"),
    }
}

/// "+8.1 (+4.0 … +12.2), a clear improvement" or "not shown in both rounds".
fn said(tr: Tr, c: &Option<ChangeView>) -> String {
    match c {
        Some(_) => format!("{}, {}", interval(c), verdict(tr, c)),
        None => verdict(tr, c),
    }
}

fn pooled(tr: Tr, key: &str, p: &PooledChange) -> String {
    tr.tn(
        key,
        &[("n", &p.groups.to_string()), ("change", &said(tr, &p.change))],
    )
}

pub async fn show(c: PageCtx) -> Result<Response, WebError> {
    let tr = c.tr;
    let base = format!("/orgs/{}", c.org.actor.org);
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "effect", &format!("{base}/effect")).await?;
    let effect = c.state.app.plan().effect(&c.org.actor).await.map_err(c.err())?;
    let (heading, rows) = match effect {
        None => (None, Vec::new()),
        Some(e) => (
            Some(tr.tn("effect-rounds", &[("before", &e.before), ("after", &e.after)])),
            e.engines
                .into_iter()
                .map(|x| Row {
                    name: if tr.lang == Language::Sv {
                        x.name_sv
                    } else {
                        x.name_en
                    },
                    initiatives: x
                        .initiatives
                        .into_iter()
                        .map(|i| InitiativeCell {
                            href: format!("{base}/initiatives/{}", i.id),
                            status: tr.t(&format!("initiative-{}", i.status)),
                            change: if i.groups.is_empty() {
                                tr.t1("effect-in-org", "change", said(tr, &i.change))
                            } else {
                                tr.tn(
                                    "effect-in-groups",
                                    &[
                                        ("n", &i.groups.len().to_string()),
                                        ("change", &said(tr, &i.change)),
                                    ],
                                )
                            },
                            groups: i
                                .groups
                                .iter()
                                .map(|g| (g.name.clone(), said(tr, &g.change)))
                                .collect(),
                            title: i.title,
                        })
                        .collect(),
                    change: interval(&x.change),
                    verdict: verdict(tr, &x.change),
                    contrast: match (&x.covered, &x.others) {
                        (Some(cov), Some(oth)) => vec![
                            pooled(tr, "effect-covered", cov),
                            pooled(tr, "effect-others", oth),
                        ],
                        _ => Vec::new(),
                    },
                })
                .collect(),
        ),
    };
    Ok(render(EffectPage { l, heading, rows }))
}
