//! The effect view: per engine, the initiatives aimed at it and the organisation's change
//! between the last two rounds, the interval said in words.

use super::{PageCtx, org_layout, render};
use crate::error::WebError;
use askama::Template;
use axum::response::Response;
use mognad_domain::org::Language;

pub struct Row {
    pub name: String,
    /// (href, title, status)
    pub initiatives: Vec<(String, String, String)>,
    pub change: String,
    pub verdict: String,
}

#[derive(Template)]
#[template(path = "effect.html")]
pub struct EffectPage {
    pub l: crate::views::Layout,
    pub heading: Option<String>,
    pub rows: Vec<Row>,
}

pub async fn show(c: PageCtx) -> Result<Response, WebError> {
    let tr = c.tr;
    let base = format!("/orgs/{}", c.org.actor.org);
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "plan", &format!("{base}/effect")).await?;
    let effect = c.state.app.effect(&c.org.actor).await.map_err(c.err())?;
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
                        .map(|i| {
                            (
                                format!("{base}/initiatives/{}", i.id),
                                i.title,
                                tr.t(&format!("initiative-{}", i.status)),
                            )
                        })
                        .collect(),
                    change: x
                        .change
                        .as_ref()
                        .map(|ch| format!("{:+.1} ({:+.1} … {:+.1})", ch.diff, ch.low, ch.high))
                        .unwrap_or_else(|| "–".into()),
                    verdict: match &x.change {
                        Some(ch) if ch.clear && ch.diff > 0.0 => tr.t("effect-up"),
                        Some(ch) if ch.clear => tr.t("effect-down"),
                        Some(_) => tr.t("effect-unclear"),
                        None => tr.t("effect-none"),
                    },
                })
                .collect(),
        ),
    };
    Ok(render(EffectPage { l, heading, rows }))
}
