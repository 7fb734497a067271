//! An area's report as a PDF to hand around: cover and summary, radar, heatmap (for the
//! organisation), a page per engine with its meaning, advice, answer distributions and
//! comments, the comparison with the previous round, and the gap list. Built from the same
//! use cases as the result page, so it shows exactly what the page shows and nothing more.

use crate::error::WebError;
use crate::extract::{AreaParam, IdParam};
use crate::i18n::Tr;
use crate::measurement::pages::exports::{attachment, file_name};
use crate::measurement::pages::results::{before_after, engine_names, fmt, heatmap_of, in_tree, signed};
use crate::measurement::pages::words;
use crate::page::PageCtx;
use axum::response::Response;
use mognad_app::measurement::compare::Comparison;
use mognad_app::measurement::detail::AreaDetail;
use mognad_app::measurement::results::AreaKind;
use mognad_domain::ids::RoundId;
use mognad_domain::model::Model;
use mognad_reports::pdf::{Block, Report};
use mognad_reports::radar;

type Page = Result<Response, WebError>;

/// Areas per heatmap page of the organisation's report.
const HEATMAP_ROWS: usize = 30;

fn h(level: u8, text: impl Into<String>) -> Block {
    Block::Heading {
        level,
        text: text.into(),
    }
}

/// "Värderingar 55, Vision & Mission 51, …": what a chart of scores says, for its alt text.
fn spoken(names: &[String], values: &[Option<f64>]) -> String {
    names
        .iter()
        .zip(values)
        .map(|(n, v)| format!("{n} {}", fmt(*v)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn radar_block(tr: Tr, id: &str, title: &str, names: &[String], series: &[radar::Series]) -> Block {
    let alt = series
        .iter()
        .map(|s| format!("{}: {}", s.label, spoken(names, s.values)))
        .collect::<Vec<_>>()
        .join(". ");
    Block::Chart {
        caption: None,
        svg: radar::render(&radar::Radar {
            id,
            title,
            desc: &tr.t("area-radar-desc"),
            axes: names,
            series,
        }),
        alt: format!("{title}. {alt}."),
        max_width: 380.0,
    }
}

/// One engine's page: where it stands, what that means, the next step, how each question was
/// answered, and (for a group) the comments.
fn engine_blocks(tr: Tr, m: &Model, d: &AreaDetail, text: &words::EngineText) -> Vec<Block> {
    let i = text.index;
    let mut out = vec![
        Block::PageBreak,
        h(2, &text.name),
        Block::Paragraph(tr.tn(
            "advice-standing",
            &[
                ("score", &text.score),
                ("phase", &text.phase),
                ("expected", &text.expected),
            ],
        )),
        h(3, tr.t("advice-meaning")),
        Block::Paragraph(text.meaning.clone()),
        h(3, tr.t("advice-next")),
        Block::Paragraph(if text.advice.is_empty() {
            tr.t("advice-none")
        } else {
            text.advice.clone()
        }),
        h(3, tr.t("area-items")),
    ];
    let (Some(e), Some(r)) = (m.engines.get(i), d.engines.get(i)) else {
        return out;
    };
    for (j, (item, ir)) in e.items.iter().zip(&r.items).enumerate() {
        let (svg, alt) = words::distribution(tr, item, &ir.counts, &format!("d{i}-{j}"));
        out.push(Block::Chart {
            caption: Some(item.text.get(tr.lang).to_owned()),
            svg,
            alt,
            max_width: 420.0,
        });
    }
    let comments: Vec<String> = d
        .comments
        .iter()
        .filter(|c| c.engine == e.id)
        .map(|c| c.text.clone())
        .collect();
    if !comments.is_empty() {
        out.push(h(3, tr.t("area-comments")));
        out.push(Block::Bullets(comments));
    }
    out
}

/// The comparison with the previous round: both rounds on one radar, and the changes with
/// their intervals; nothing unless both rounds show the area.
fn comparison_blocks(tr: Tr, names: &[String], cmp: &Comparison, d: &AreaDetail) -> Vec<Block> {
    let Some(area) = cmp.areas.iter().find(|a| a.id == d.id && a.visible) else {
        return Vec::new();
    };
    let (then, now) = (&area.before, &area.after);
    let title = tr.tn(
        "report-compare-title",
        &[("before", &cmp.before_name), ("after", &cmp.after_name)],
    );
    let series = before_after(cmp, area);
    let rows = names
        .iter()
        .zip(&area.changes)
        .zip(then.iter().zip(now))
        .map(|((n, c), (b, a))| {
            let change = c
                .as_ref()
                .map(|c| format!("{} ({} … {})", signed(c.diff), signed(c.low), signed(c.high)))
                .unwrap_or_else(|| "–".into());
            let clear = match c {
                Some(c) if c.clear => tr.t("export-yes"),
                Some(_) => tr.t("export-no"),
                None => "–".into(),
            };
            vec![n.clone(), fmt(*b), fmt(*a), change, clear]
        })
        .collect();
    vec![
        Block::PageBreak,
        h(2, &title),
        radar_block(tr, "compare", &title, names, &series),
        Block::Table {
            header: [
                "area-engine",
                "report-before",
                "report-after",
                "report-change",
                "report-clear",
            ]
            .iter()
            .map(|k| tr.t(k))
            .collect(),
            rows,
        },
    ]
}

fn gap_blocks(tr: Tr, m: &Model, d: &AreaDetail) -> Vec<Block> {
    let mut out = vec![Block::PageBreak, h(2, tr.t("area-gaps"))];
    if d.gaps.is_empty() {
        out.push(Block::Paragraph(tr.t("area-gaps-none")));
        return out;
    }
    out.push(Block::Table {
        header: [
            "area-engine",
            "results-score",
            "area-target",
            "area-gap",
            "area-importance",
            "area-priority",
        ]
        .iter()
        .map(|k| tr.t(k))
        .collect(),
        rows: words::gap_rows(tr, m, d),
    });
    out
}

pub async fn report(c: PageCtx, IdParam(id): IdParam, AreaParam(area_id): AreaParam) -> Page {
    let tr = c.tr;
    let m = c.state.app.measurement();
    let actor = &c.org.actor;
    let (res, d) = m
        .area_with_results(actor, RoundId(id), area_id)
        .await
        .map_err(c.err())?;
    let model = &res.model;
    let names = engine_names(model, tr.lang);
    let title = format!("{} – {}", d.name, res.round_name);
    let org = c
        .state
        .app
        .org()
        .organisation(actor)
        .await
        .map_err(c.err())?
        .settings
        .name
        .to_string();
    let mut blocks = vec![
        h(1, &title),
        Block::Paragraph(tr.tn(
            "report-cover",
            &[
                ("org", &org),
                ("date", &chrono::Utc::now().date_naive().to_string()),
            ],
        )),
        h(2, tr.t("summary-title")),
    ];
    if !d.visible {
        blocks.push(Block::Paragraph(words::withheld(tr, &res, d.id)));
    } else {
        let said = m.summary(actor, &res, &d).await.map_err(c.err())?;
        blocks.push(Block::Bullets(words::sentences(tr, model, &said)));
        let scores: Vec<Option<f64>> = d.engines.iter().map(|e| e.score).collect();
        let radar_title = tr.t1("area-radar-title", "area", &d.name);
        let series = [radar::Series {
            label: &d.name,
            values: &scores,
            colour: "#0b5394",
            dash: "",
        }];
        blocks.push(radar_block(tr, "radar", &radar_title, &names, &series));
        if d.kind == AreaKind::Organisation {
            // A page holds about thirty rows at a readable size; a longer list takes more pages.
            for (i, rows) in in_tree(&res).chunks(HEATMAP_ROWS).enumerate() {
                let (svg, alt) = heatmap_of(tr, &res, rows, &format!("heatmap-{i}"));
                blocks.push(Block::PageBreak);
                blocks.push(h(2, tr.t("report-heatmap")));
                blocks.push(Block::Chart {
                    caption: None,
                    svg,
                    alt,
                    max_width: 483.0,
                });
            }
        }
        for text in &words::engine_texts(tr, model, &d) {
            blocks.extend(engine_blocks(tr, model, &d, text));
        }
        if let Some(before) = m.previous_round(actor, RoundId(id)).await.map_err(c.err())? {
            let cmp = m.compare(actor, before, RoundId(id)).await.map_err(c.err())?;
            blocks.extend(comparison_blocks(tr, &names, &cmp, &d));
        }
        blocks.extend(gap_blocks(tr, model, &d));
    }
    let pdf = mognad_reports::pdf::render(&Report {
        title: title.clone(),
        lang: tr.code().into(),
        blocks,
        page_label: tr.t1("report-page", "n", "{n}"),
    })
    .map_err(|e| WebError::app(mognad_app::AppError::Internal(e.to_string()), false, tr))?;
    Ok(attachment(
        "application/pdf",
        &file_name(&format!("{}-{}", res.round_name, d.name), "report.pdf"),
        pdf.into(),
    ))
}
