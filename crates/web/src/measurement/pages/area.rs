//! One area's results in depth (a group, a unit's subtree or the organisation): radar against
//! the organisation and the target, phases against the recommended practice, the prioritised
//! gaps, answer distributions and comments, and the targets form. Also the printable report.

use crate::error::WebError;
use crate::extract::{AreaParam, IdParam};
use crate::measurement::pages::results::{engine_names, fmt, round_href};
use crate::measurement::pages::words::{self, EngineText};
use crate::page::{PageCtx, org_layout, render};
use askama::Template;
use axum::Form;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::measurement::compare::TargetInput;
use mognad_app::measurement::results::{AreaKind, Standing};
use mognad_domain::ids::RoundId;
use mognad_domain::role::Role;
use mognad_reports::radar;

type Page = Result<Response, WebError>;

/// (question, score, the answers per option as labelled bars) of one item.
pub type ItemRow = (String, String, String);

#[derive(Template)]
#[template(path = "area.html")]
pub struct AreaPage {
    pub l: crate::views::Layout,
    pub heading: String,
    pub round: String,
    pub back: String,
    /// The PDF report of this area.
    pub report: String,
    pub summary: String,
    /// The summary in whole sentences (visible areas only).
    pub sentences: Vec<String>,
    pub engine_texts: Vec<EngineText>,
    pub visible: bool,
    pub radar: String,
    pub engine_columns: Vec<String>,
    pub engine_rows: Vec<Vec<String>>,
    pub gap_columns: Vec<String>,
    pub gap_rows: Vec<Vec<String>>,
    pub target_action: Option<String>,
    /// For admins: where "create an initiative from a gap" posts, and the gaps' engines.
    pub initiative_action: Option<String>,
    /// The group or unit the gap list belongs to; blank for the organisation.
    pub area_field: String,
    pub gap_engines: Vec<(String, String)>,
    pub target_fields: Vec<(String, String, String)>,
    pub item_tables: Vec<(String, Vec<ItemRow>)>,
    pub comments: Vec<(String, Vec<String>)>,
}

fn standing_key(s: Option<Standing>) -> &'static str {
    match s {
        Some(Standing::Ahead) => "standing-ahead",
        Some(Standing::InPhase) => "standing-in-phase",
        Some(Standing::Behind) => "standing-behind",
        None => "results-none",
    }
}

pub async fn area(c: PageCtx, IdParam(id): IdParam, AreaParam(area_id): AreaParam) -> Page {
    let tr = c.tr;
    let app = &c.state.app;
    let actor = &c.org.actor;
    let (res, d) = app
        .measurement()
        .area_with_results(actor, RoundId(id), area_id)
        .await
        .map_err(c.err())?;
    let m = &res.model;
    let back = round_href(&c, id);
    let here = format!("{back}/results/{area_id}");
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "rounds", &here).await?;
    let names = engine_names(m, tr.lang);
    let phase = |p: &Option<String>| {
        p.as_ref()
            .map(|p| tr.t(&format!("phase-{p}")))
            .unwrap_or_else(|| "–".into())
    };
    let summary = if d.visible {
        tr.t1("area-summary", "n", d.n) + " " + &tr.t1("area-overall", "phase", phase(&d.phase))
    } else {
        words::withheld(tr, &res, d.id)
    };
    let said = app
        .measurement()
        .summary(actor, &res, &d)
        .await
        .map_err(c.err())?;
    let sentences = words::sentences(tr, m, &said);
    let engine_texts = words::engine_texts(tr, m, &d);
    let org = &res.organisation;
    let targets: Vec<Option<f64>> = d.engines.iter().map(|e| e.target.map(|t| t as f64)).collect();
    let scores: Vec<Option<f64>> = d.engines.iter().map(|e| e.score).collect();
    let org_scores = if org.visible && d.id != org.id {
        org.scores.clone()
    } else {
        Vec::new()
    };
    let mut series = vec![radar::Series {
        label: &d.name,
        values: &scores,
        colour: "#0b5394",
        dash: "",
    }];
    let org_label = tr.t("results-kind-org");
    if !org_scores.is_empty() {
        series.push(radar::Series {
            label: &org_label,
            values: &org_scores,
            colour: "#4a5560",
            dash: "6 4",
        });
    }
    let target_label = tr.t("area-target");
    if targets.iter().any(Option::is_some) {
        series.push(radar::Series {
            label: &target_label,
            values: &targets,
            colour: "#8a3b12",
            dash: "2 4",
        });
    }
    let radar_svg = if d.visible {
        radar::render(&radar::Radar {
            id: "radar",
            title: &tr.t1("area-radar-title", "area", &d.name),
            desc: &tr.t("area-radar-desc"),
            axes: &names,
            series: &series,
        })
    } else {
        String::new()
    };
    let engine_rows = d
        .engines
        .iter()
        .zip(&names)
        .map(|(e, name)| {
            vec![
                name.clone(),
                fmt(e.score),
                phase(&e.phase),
                phase(&e.expected),
                tr.t(standing_key(e.standing)),
                e.importance
                    .map(|i| format!("{i:.1}"))
                    .unwrap_or_else(|| "–".into()),
                e.target.map(|t| t.to_string()).unwrap_or_else(|| "–".into()),
                fmt(e.gap),
            ]
        })
        .collect();
    let name_of = |key: &str| {
        m.engine(key)
            .map(|e| e.name.get(tr.lang).to_owned())
            .unwrap_or_default()
    };
    let gap_rows = words::gap_rows(tr, m, &d);
    let item_tables = d
        .engines
        .iter()
        .zip(&m.engines)
        .enumerate()
        .map(|(i, (er, e))| {
            let items = er
                .items
                .iter()
                .zip(&e.items)
                .enumerate()
                .map(|(j, (ir, item))| {
                    let (svg, _) = words::distribution(tr, item, &ir.counts, &format!("dist-{i}-{j}"));
                    (item.text.get(tr.lang).to_owned(), fmt(ir.score), svg)
                })
                .collect();
            (e.name.get(tr.lang).to_owned(), items)
        })
        .collect();
    let mut comments: Vec<(String, Vec<String>)> = Vec::new();
    for c in &d.comments {
        let name = name_of(&c.engine);
        match comments.last_mut() {
            Some((n, list)) if *n == name => list.push(c.text.clone()),
            _ => comments.push((name, vec![c.text.clone()])),
        }
    }
    let planner = actor.role.at_least(Role::Admin);
    let admin = planner && d.kind != AreaKind::Unit;
    let target_fields = d
        .engines
        .iter()
        .zip(&names)
        .map(|(e, name)| {
            (
                format!("t-{}", e.key),
                name.clone(),
                e.target.map(|t| t.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    let col = |keys: &[&str]| keys.iter().map(|k| tr.t(k)).collect::<Vec<_>>();
    Ok(render(AreaPage {
        l,
        heading: format!("{} – {}", d.name, res.round_name),
        round: res.round_name.clone(),
        report: format!("{here}/report.pdf"),
        back,
        summary,
        sentences,
        engine_texts,
        visible: d.visible,
        radar: radar_svg,
        engine_columns: col(&[
            "area-engine",
            "results-score",
            "area-phase",
            "area-expected",
            "area-standing",
            "area-importance",
            "area-target",
            "area-gap",
        ]),
        engine_rows,
        gap_columns: col(&[
            "area-engine",
            "results-score",
            "area-target",
            "area-gap",
            "area-importance",
            "area-priority",
        ]),
        initiative_action: planner.then(|| format!("{}/initiatives", round_href(&c, id))),
        area_field: match d.kind {
            AreaKind::Organisation => String::new(),
            _ => area_id.to_string(),
        },
        gap_engines: d
            .gaps
            .iter()
            .map(|g| (g.engine.clone(), name_of(&g.engine)))
            .collect(),
        gap_rows,
        target_action: admin.then(|| format!("{here}/targets")),
        target_fields,
        item_tables,
        comments,
    }))
}

pub async fn set_targets(
    c: PageCtx,
    IdParam(id): IdParam,
    AreaParam(area_id): AreaParam,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let tr = c.tr;
    let mut input = Vec::new();
    for (k, v) in &fields {
        let Some(engine) = k.strip_prefix("t-") else {
            continue;
        };
        let target = match v.trim() {
            "" => None,
            raw => Some(
                raw.parse::<i64>()
                    .map_err(|_| WebError::bad_request(false, tr, tr.t("invalid-target-range")))?,
            ),
        };
        input.push(TargetInput {
            engine: engine.to_owned(),
            target,
        });
    }
    c.state
        .app
        .measurement()
        .set_targets(&c.org.actor, RoundId(id), area_id, &input)
        .await
        .map_err(c.err())?;
    Ok(Redirect::to(&format!("{}/results/{area_id}", round_href(&c, id))).into_response())
}
