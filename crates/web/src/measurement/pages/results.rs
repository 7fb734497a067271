//! Result pages of a round: the heatmap of all groups and roll-ups, and the comparison with an
//! earlier round (one area in depth is in `area`). Every chart has its numbers in a table.

use crate::error::WebError;
use crate::extract::IdParam;
use crate::extract::QueryOr;
use crate::page::{PageCtx, org_layout, render};
use askama::Template;
use axum::response::Response;
use mognad_app::measurement::compare::{ComparedArea, Comparison};
use mognad_app::measurement::results::{Area, AreaKind, RoundResults, Withheld};
use mognad_domain::ids::RoundId;
use mognad_domain::model::Model;
use mognad_reports::{heatmap, radar};
use serde::Deserialize;
use uuid::Uuid;

type Page = Result<Response, WebError>;

pub struct Row {
    pub name: String,
    /// The area's depth in the unit tree (0 for the organisation), shown as indentation.
    pub depth: usize,
    pub href: Option<String>,
    pub n: i64,
    /// Shown, or why not.
    pub status: String,
    pub values: Vec<String>,
}

/// Why an area is withheld, in words; `None` when it is shown.
pub(super) fn withheld_key(w: Option<Withheld>) -> &'static str {
    match w {
        None => "results-shown",
        Some(Withheld::NotClosed) => "results-withheld-not-closed",
        Some(Withheld::FewAnswers) => "results-withheld-few",
        Some(Withheld::ProtectsOthers) => "results-withheld-protects",
    }
}

#[derive(Template)]
#[template(path = "results.html")]
pub struct ResultsPage {
    pub l: crate::views::Layout,
    pub heading: String,
    pub round: String,
    pub back: String,
    pub anonymity: String,
    pub links: Vec<(String, String)>,
    pub heatmap: String,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Template)]
#[template(path = "compare.html")]
pub struct ComparePage {
    pub l: crate::views::Layout,
    /// The organisation in both rounds on one radar; empty when either round withholds it.
    pub chart: String,
    pub heading: String,
    pub round: String,
    pub back: String,
    pub intro: String,
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<(String, Vec<(String, bool)>)>,
}

pub(super) fn round_href(c: &PageCtx, id: Uuid) -> String {
    format!("/orgs/{}/rounds/{id}", c.org.actor.org)
}

/// A change with its sign ("+5", "-3"), and a plain "0" when it rounds to nothing (never "-0").
pub(super) fn signed(v: f64) -> String {
    let r = v.round();
    if r == 0.0 { "0".into() } else { format!("{r:+.0}") }
}

/// A score as every page, chart and sentence shows it: whole points, halves away from zero.
pub(super) fn fmt(v: Option<f64>) -> String {
    v.map(|v| format!("{:.0}", v.round()))
        .unwrap_or_else(|| "–".into())
}

pub(crate) fn engine_names(m: &Model, lang: mognad_domain::org::Language) -> Vec<String> {
    m.engines.iter().map(|e| e.name.get(lang).to_owned()).collect()
}

/// The areas as the unit tree holds them: the organisation, then each unit followed by its own
/// sub-units and leadership groups, then groups outside every unit; with each area's depth.
///
/// A unit's roll-up covers the groups of its subtree, so the tree is read back from those sets:
/// a unit lies under the smallest other unit whose groups include all of its own.
pub fn in_tree(res: &RoundResults) -> Vec<(&Area, usize)> {
    use std::collections::HashSet;
    let sets: Vec<HashSet<uuid::Uuid>> = res
        .units
        .iter()
        .map(|u| u.groups.iter().copied().collect())
        .collect();
    // The smallest unit strictly containing unit `i` (ties between equal sets go by position,
    // so two units covering the same groups still nest one way and never loop).
    let parent = |i: usize| -> Option<usize> {
        (0..res.units.len())
            .filter(|&j| j != i && sets[i].is_subset(&sets[j]) && (sets[i].len() < sets[j].len() || j < i))
            .min_by_key(|&j| sets[j].len())
    };
    let parents: Vec<Option<usize>> = (0..res.units.len()).map(parent).collect();
    // A group sits under the smallest unit that covers it.
    let home = |g: uuid::Uuid| {
        (0..res.units.len())
            .filter(|&j| sets[j].contains(&g))
            .min_by_key(|&j| sets[j].len())
    };
    let mut out = vec![(&res.organisation, 0)];
    fn walk<'a>(
        res: &'a RoundResults,
        under: Option<usize>,
        depth: usize,
        parents: &[Option<usize>],
        home: &dyn Fn(uuid::Uuid) -> Option<usize>,
        out: &mut Vec<(&'a Area, usize)>,
    ) {
        let mut units: Vec<usize> = (0..res.units.len()).filter(|&j| parents[j] == under).collect();
        units.sort_by(|a, b| res.units[*a].name.cmp(&res.units[*b].name));
        for j in units {
            out.push((&res.units[j], depth));
            walk(res, Some(j), depth + 1, parents, home, out);
        }
        for g in res.groups.iter().filter(|g| home(g.id) == under) {
            out.push((g, depth));
        }
    }
    walk(res, None, 1, &parents, &home, &mut out);
    out
}

/// A group's name, or a roll-up's name with what it covers.
fn kind_label(tr: crate::i18n::Tr, name: &str, kind: AreaKind) -> String {
    match kind {
        AreaKind::Organisation => format!("{name} ({})", tr.t("results-kind-org")),
        AreaKind::Unit => format!("{name} ({})", tr.t("results-kind-unit")),
        AreaKind::Group => name.to_owned(),
    }
}

fn area_label(tr: crate::i18n::Tr, a: &Area) -> String {
    kind_label(tr, &a.name, a.kind)
}

/// The heatmap of every area of a round (withheld ones as dashes), and what it shows in words
/// for a reader who cannot see it.
pub(super) fn heatmap_svg(tr: crate::i18n::Tr, res: &RoundResults) -> (String, String) {
    heatmap_of(tr, res, &in_tree(res), "heatmap")
}

/// The heatmap of `areas` of a round, e.g. one page's share of a long list.
pub(super) fn heatmap_of(
    tr: crate::i18n::Tr,
    res: &RoundResults,
    areas: &[(&Area, usize)],
    id: &str,
) -> (String, String) {
    let columns = engine_names(&res.model, tr.lang);
    let indent: Vec<usize> = areas.iter().map(|(_, d)| *d).collect();
    let chart_rows: Vec<(String, Vec<Option<f64>>)> = areas
        .iter()
        .map(|(a, _)| {
            let v = if a.visible {
                a.scores.clone()
            } else {
                vec![None; columns.len()]
            };
            (area_label(tr, a), v)
        })
        .collect();
    let title = tr.t1("results-heatmap-title", "round", &res.round_name);
    let desc = tr.t("results-heatmap-desc");
    let svg = heatmap::render(&heatmap::Heatmap {
        id,
        title: &title,
        desc: &desc,
        columns: &columns,
        rows: &chart_rows,
        hidden: "–",
        legend: (&tr.t("results-legend"), &tr.t("results-legend-hidden")),
        indent: &indent,
    });
    let rows: Vec<String> = chart_rows
        .iter()
        .map(|(name, values)| {
            let cells: Vec<String> = columns
                .iter()
                .zip(values)
                .map(|(c, v)| format!("{c} {}", fmt(*v)))
                .collect();
            format!("{name}: {}", cells.join(", "))
        })
        .collect();
    (svg, format!("{title}. {desc} {}.", rows.join(". ")))
}

pub async fn results(c: PageCtx, IdParam(id): IdParam) -> Page {
    let tr = c.tr;
    let res = c
        .state
        .app
        .measurement()
        .results(&c.org.actor, RoundId(id))
        .await
        .map_err(c.err())?;
    let back = round_href(&c, id);
    let here = format!("{back}/results");
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "rounds", &here).await?;
    let columns = engine_names(&res.model, tr.lang);
    let areas = in_tree(&res);
    let (svg, _) = heatmap_svg(tr, &res);
    let rows = areas
        .iter()
        .map(|(a, depth)| Row {
            depth: (*depth).min(4),
            name: area_label(tr, a),
            href: Some(format!("{here}/{}", a.id)),
            n: a.n,
            status: tr.t(withheld_key(a.withheld)),
            values: if a.visible {
                a.scores.iter().map(|s| fmt(*s)).collect()
            } else {
                vec![tr.t("results-none"); columns.len()]
            },
        })
        .collect();
    let mut links = vec![(
        format!("{here}/{}", res.organisation.id),
        tr.t("results-org-detail"),
    )];
    if let Some(before) = c
        .state
        .app
        .measurement()
        .previous_round(&c.org.actor, RoundId(id))
        .await
        .map_err(c.err())?
    {
        links.push((format!("{back}/compare?with={before}"), tr.t("compare-title")));
    }
    Ok(render(ResultsPage {
        l,
        heading: tr.t("results-title"),
        round: res.round_name.clone(),
        back,
        anonymity: if res.state == "closed" {
            tr.t1("results-anonymity", "k", res.k)
        } else {
            tr.t("round-notice-open")
        },
        links,
        heatmap: svg,
        columns,
        rows,
    }))
}

#[derive(Deserialize)]
pub struct CompareQuery {
    with: Uuid,
}

/// An area in both rounds of a comparison, as two radar series: the earlier one dashed.
pub(super) fn before_after<'a>(cmp: &'a Comparison, area: &'a ComparedArea) -> [radar::Series<'a>; 2] {
    [
        radar::Series {
            label: &cmp.before_name,
            values: &area.before,
            colour: "#4a5560",
            dash: "6 4",
        },
        radar::Series {
            label: &cmp.after_name,
            values: &area.after,
            colour: "#0b5394",
            dash: "",
        },
    ]
}

pub async fn compare(c: PageCtx, IdParam(id): IdParam, QueryOr(q): QueryOr<CompareQuery>) -> Page {
    let tr = c.tr;
    let app = &c.state.app;
    let cmp = app
        .measurement()
        .compare(&c.org.actor, RoundId(q.with), RoundId(id))
        .await
        .map_err(c.err())?;
    let back = round_href(&c, id);
    let l = org_layout(
        &c.state,
        &c.org,
        tr,
        &c.csrf,
        "rounds",
        &format!("{back}/compare?with={}", q.with),
    )
    .await?;
    let rows = cmp
        .areas
        .iter()
        .map(|a| {
            let label = kind_label(tr, &a.name, a.kind);
            let cells = a
                .changes
                .iter()
                .map(|ch| match ch {
                    Some(ch) => (
                        format!("{} [{}; {}]", signed(ch.diff), signed(ch.low), signed(ch.high)),
                        ch.clear,
                    ),
                    None => ("–".to_string(), false),
                })
                .collect();
            (label, cells)
        })
        .collect();
    // The organisation in both rounds on one radar, where both rounds show it.
    let names = engine_names(&cmp.model, tr.lang);
    let chart = match cmp
        .areas
        .iter()
        .find(|a| a.kind == AreaKind::Organisation && a.visible)
    {
        Some(org) => radar::render(&radar::Radar {
            id: "compare-radar",
            title: &tr.tn(
                "report-compare-title",
                &[("before", &cmp.before_name), ("after", &cmp.after_name)],
            ),
            desc: &tr.t("area-radar-desc"),
            axes: &names,
            series: &before_after(&cmp, org),
        }),
        None => String::new(),
    };
    Ok(render(ComparePage {
        chart,
        l,
        heading: tr.t("compare-title"),
        round: cmp.after_name.clone(),
        back,
        intro: tr.t("compare-intro"),
        caption: format!("{} → {}", cmp.before_name, cmp.after_name),
        columns: engine_names(&cmp.model, tr.lang),
        rows,
    }))
}
