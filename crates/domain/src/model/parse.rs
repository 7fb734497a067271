//! Reading a model file: TOML syntax first, then every rule a model must follow, each error
//! reported with the line and column where it applies.

use super::{Engine, Item, ItemKind, Model, Phase, Text};
pub use crate::source::SourceError as ModelError;
use crate::source::{RawText, Report};
use serde::Deserialize;
use std::collections::HashSet;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhases {
    mobilisering: RawText,
    koordinering: RawText,
    acceleration: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: Spanned<String>,
    kind: Spanned<String>,
    text: RawText,
    weight: Option<Spanned<f64>>,
    options: Option<Spanned<Vec<RawText>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEngine {
    id: Spanned<String>,
    name: RawText,
    description: RawText,
    focus: Spanned<String>,
    levels: RawPhases,
    advice: Option<RawPhases>,
    #[serde(default)]
    item: Vec<Spanned<RawItem>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModel {
    format: Spanned<String>,
    id: Spanned<String>,
    version: Spanned<i64>,
    name: RawText,
    description: RawText,
    recommended_order: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    engine: Vec<Spanned<RawEngine>>,
}

pub const FORMAT: &str = "mognad-model-1";

/// The three texts of a per-phase table (`levels`, `advice`), in `Phase::ALL` order.
fn phases(report: &mut Report, raw: RawPhases, key: &str) -> [Text; 3] {
    [
        report.text(raw.mobilisering, &format!("{key}.mobilisering")),
        report.text(raw.koordinering, &format!("{key}.koordinering")),
        report.text(raw.acceleration, &format!("{key}.acceleration")),
    ]
}

/// Parses and validates a model file. Every error found is returned, not just the first.
pub fn parse(src: &str) -> Result<Model, Vec<ModelError>> {
    let mut report = Report::new(src);
    let Some(raw) = report.toml::<RawModel>() else {
        return Err(report.errors);
    };
    if raw.format.get_ref() != FORMAT {
        report.said(
            raw.format.span().start,
            "format",
            &[("format", FORMAT)],
            &format!("format must be \"{FORMAT}\""),
        );
    }
    let version = u32::try_from(*raw.version.get_ref()).ok().filter(|v| *v >= 1);
    if version.is_none() {
        report.said(
            raw.version.span().start,
            "version",
            &[],
            "version must be a whole number from 1",
        );
    }
    let mut model_ids = HashSet::new();
    let model_id = report.id(raw.id, &mut model_ids, "model");
    let name = report.text(raw.name, "name");
    let description = report.text(raw.description, "description");
    if raw.engine.is_empty() {
        report.said(src.len(), "no-engine", &[], "the model has no [[engine]]");
    }
    let mut engine_ids = HashSet::new();
    let mut item_ids = HashSet::new();
    let mut engines = Vec::new();
    for spanned in raw.engine {
        let engine_start = spanned.span().start;
        let e = spanned.into_inner();
        let id = report.id(e.id, &mut engine_ids, "engine");
        let focus = match Phase::parse(e.focus.get_ref()) {
            Some(p) => p,
            None => {
                report.said(
                    e.focus.span().start,
                    "focus",
                    &[],
                    "focus must be mobilisering, koordinering or acceleration",
                );
                Phase::Mobilisering
            }
        };
        let levels = phases(&mut report, e.levels, "levels");
        let advice = e.advice.map(|a| phases(&mut report, a, "advice"));
        if e.item.is_empty() {
            report.said(
                engine_start,
                "engine-no-item",
                &[("id", &id)],
                &format!("engine '{id}' has no [[engine.item]]"),
            );
        }
        let mut items = Vec::new();
        for spanned_item in e.item {
            let item_start = spanned_item.span().start;
            let i = spanned_item.into_inner();
            let item_id = report.id(i.id, &mut item_ids, "item");
            let text = report.text(i.text, "text");
            let weight = match i.weight {
                None => 1.0,
                Some(w) if w.get_ref().is_finite() && *w.get_ref() > 0.0 && *w.get_ref() <= 100.0 => {
                    *w.get_ref()
                }
                Some(w) => {
                    report.said(
                        w.span().start,
                        "weight",
                        &[],
                        "weight must be a number above 0 and at most 100",
                    );
                    1.0
                }
            };
            let kind = match (i.kind.get_ref().as_str(), i.options) {
                ("scale", None) => ItemKind::Scale,
                ("scale", Some(o)) => {
                    report.said(
                        o.span().start,
                        "scale-options",
                        &[],
                        "a scale item has no options (it is always very poor … very good)",
                    );
                    ItemKind::Scale
                }
                ("statements", Some(o)) => {
                    let start = o.span().start;
                    let options: Vec<Text> = o
                        .into_inner()
                        .into_iter()
                        .map(|t| report.text(t, "option"))
                        .collect();
                    if !(2..=7).contains(&options.len()) {
                        let count = options.len().to_string();
                        report.said(
                            start,
                            "statements-count",
                            &[("count", &count)],
                            &format!("a statements item needs 2 to 7 options, this has {count}"),
                        );
                    }
                    ItemKind::Statements(options)
                }
                ("statements", None) => {
                    report.said(
                        item_start,
                        "statements-options",
                        &[("id", &item_id)],
                        &format!("item '{item_id}' of kind statements needs options"),
                    );
                    ItemKind::Scale
                }
                (other, _) => {
                    report.said(
                        i.kind.span().start,
                        "kind",
                        &[("kind", other)],
                        &format!("kind '{other}' is unknown (use statements or scale)"),
                    );
                    ItemKind::Scale
                }
            };
            items.push(Item {
                id: item_id,
                text,
                kind,
                weight,
            });
        }
        engines.push(Engine {
            id,
            name: report.text(e.name, "name"),
            description: report.text(e.description, "description"),
            focus,
            levels,
            advice,
            items,
        });
    }
    let order_start = raw.recommended_order.span().start;
    let mut in_order = HashSet::new();
    let mut recommended_order = Vec::new();
    for o in raw.recommended_order.into_inner() {
        if !engine_ids.contains(o.get_ref()) {
            report.said(
                o.span().start,
                "order-unknown",
                &[("id", o.get_ref())],
                &format!("recommended_order names '{}', which is no engine", o.get_ref()),
            );
        } else if !in_order.insert(o.get_ref().clone()) {
            report.said(
                o.span().start,
                "order-twice",
                &[("id", o.get_ref())],
                &format!("recommended_order names '{}' twice", o.get_ref()),
            );
        }
        recommended_order.push(o.into_inner());
    }
    let mut missing: Vec<&String> = engine_ids.difference(&in_order).collect();
    missing.sort();
    if !missing.is_empty() {
        let ids = missing.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(", ");
        report.said(
            order_start,
            "order-missing",
            &[("ids", &ids)],
            &format!("recommended_order leaves out {missing:?}"),
        );
    }
    if !report.errors.is_empty() {
        report.errors.sort_by_key(|e| (e.line, e.column));
        return Err(report.errors);
    }
    Ok(Model {
        id: model_id,
        version: version.unwrap_or(1),
        name,
        description,
        engines,
        recommended_order,
    })
}
