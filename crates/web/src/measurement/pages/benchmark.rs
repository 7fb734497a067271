//! The benchmark page: taking part (category and size band), and the organisation's engine
//! scores of a closed round set against the other taking-part organisations and against a
//! reference table, as spread charts with their numbers in tables.

use crate::error::WebError;
use crate::extract::{PageForm, QueryOr};
use crate::i18n::Tr;
use crate::page::{PageCtx, apply_errors, org_layout, render_refused};
use crate::views::{Field, FormError};
use askama::Template;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use mognad_app::measurement::benchmark::{Benchmark, ParticipationInput};
use mognad_domain::benchmark::{Category, Figures, Position, SizeBand};
use mognad_domain::ids::RoundId;
use mognad_reports::spread::{self, Spread, SpreadRow};
use serde::Deserialize;

type Page = Result<Response, WebError>;

/// One engine's line of a comparison's table.
pub struct Line {
    pub engine: String,
    pub own: String,
    pub q1: String,
    pub median: String,
    pub q3: String,
    pub standing: String,
}

/// A comparison (or the reference table) with its chart and table.
pub struct Section {
    pub id: String,
    pub heading: String,
    pub chart: String,
    pub lines: Vec<Line>,
}

#[derive(Template)]
#[template(path = "benchmark.html")]
pub struct BenchmarkPage {
    pub l: crate::views::Layout,
    pub action: String,
    /// How the organisation takes part, in words; `None` when it does not.
    pub taking_part: Option<String>,
    /// The participation form, for administrators.
    pub fields: Vec<Field>,
    pub errors: Vec<FormError>,
    pub rounds: Vec<(String, String, bool)>,
    /// Why nothing (or not everything) is compared, in words.
    pub notes: Vec<String>,
    pub sections: Vec<Section>,
}

#[derive(Deserialize)]
pub struct BenchmarkQuery {
    #[serde(default)]
    round: String,
}

fn category_label(tr: Tr, c: Category) -> String {
    tr.t(&format!("benchmark-category-{}", c.as_str()))
}

fn size_label(tr: Tr, s: SizeBand) -> String {
    tr.t(&format!("benchmark-size-{}", s.as_str()))
}

fn fields(tr: Tr, input: &ParticipationInput) -> Vec<Field> {
    let categories = Category::ALL
        .iter()
        .map(|c| (c.as_str().to_owned(), category_label(tr, *c)))
        .collect();
    let sizes = SizeBand::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), size_label(tr, *s)))
        .collect();
    vec![
        Field::select(
            "category",
            tr.t("benchmark-category"),
            Some(tr.t("benchmark-choose")),
            categories,
            &input.category,
        ),
        Field::select(
            "size",
            tr.t("benchmark-size"),
            Some(tr.t("benchmark-choose")),
            sizes,
            &input.size,
        )
        .hint(tr.t("benchmark-size-hint")),
    ]
}

fn whole(v: f64) -> String {
    format!("{:.0}", v.round())
}

/// A comparison's chart and table, for the engines of `b`'s model.
fn section(tr: Tr, b: &Benchmark, id: &str, heading: String, figures: &[Option<Figures>]) -> Section {
    let names = b
        .model
        .as_ref()
        .map(|m| super::results::engine_names(m, tr.lang))
        .unwrap_or_default();
    let own = |i: usize| b.own.get(i).copied().flatten();
    let rows: Vec<SpreadRow> = names
        .iter()
        .enumerate()
        .map(|(i, n)| SpreadRow {
            label: n.clone(),
            figures: figures.get(i).copied().flatten().map(|f| (f.q1, f.median, f.q3)),
            own: own(i),
        })
        .collect();
    let lines = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let f = figures.get(i).copied().flatten();
            let dash = || tr.t("results-none");
            Line {
                engine: n.clone(),
                own: own(i).map_or_else(dash, whole),
                q1: f.map_or_else(dash, |f| whole(f.q1)),
                median: f.map_or_else(dash, |f| whole(f.median)),
                q3: f.map_or_else(dash, |f| whole(f.q3)),
                standing: match (own(i), f) {
                    (_, None) => tr.t("benchmark-withheld"),
                    (None, Some(_)) => tr.t("results-none"),
                    (Some(s), Some(f)) => tr.t(&format!("benchmark-position-{}", Position::of(s, &f).key())),
                },
            }
        })
        .collect();
    let desc: Vec<String> = rows
        .iter()
        .map(|r| match r.figures {
            Some((q1, m, q3)) => tr.tn(
                "benchmark-chart-row",
                &[
                    ("engine", &r.label),
                    ("own", &r.own.map_or_else(|| tr.t("results-none"), whole)),
                    ("median", &whole(m)),
                    ("q1", &whole(q1)),
                    ("q3", &whole(q3)),
                ],
            ),
            None => format!("{}: {}", r.label, tr.t("benchmark-withheld")),
        })
        .collect();
    let chart = spread::render(&Spread {
        id,
        title: &heading,
        desc: &desc.join(". "),
        rows: &rows,
        legend: (
            &tr.t("benchmark-legend-band"),
            &tr.t("benchmark-legend-median"),
            &tr.t("benchmark-legend-own"),
        ),
    });
    Section {
        id: id.to_owned(),
        heading,
        chart,
        lines,
    }
}

async fn page(
    c: &PageCtx,
    round: Option<RoundId>,
    input: Option<ParticipationInput>,
    err: Option<AppError>,
) -> Page {
    let tr = c.tr;
    let action = format!("/orgs/{}/benchmark", c.org.actor.org);
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "benchmark", &action).await?;
    let b = c
        .state
        .app
        .measurement()
        .benchmark(&c.org.actor, round)
        .await
        .map_err(c.err())?;
    let taking_part = b.participation.map(|p| {
        tr.tn(
            "benchmark-taking-part",
            &[
                ("category", &category_label(tr, p.category)),
                ("size", &size_label(tr, p.size)),
            ],
        )
    });
    let input = input.unwrap_or_else(|| ParticipationInput {
        category: b
            .participation
            .map(|p| p.category.as_str().to_owned())
            .unwrap_or_default(),
        size: b
            .participation
            .map(|p| p.size.as_str().to_owned())
            .unwrap_or_default(),
    });
    let mut f = if c.org.actor.role.at_least(mognad_domain::role::Role::Admin) {
        fields(tr, &input)
    } else {
        Vec::new()
    };
    let refused = err.is_some();
    let errors = match err {
        Some(e) => apply_errors(&mut f, e, tr)?,
        None => Vec::new(),
    };
    let mut notes = Vec::new();
    let mut sections = Vec::new();
    if b.round.is_none() {
        notes.push(tr.t("benchmark-no-round"));
    } else {
        if b.own.is_empty() {
            notes.push(tr.t("benchmark-own-withheld"));
        }
        if b.participation.is_none() {
            notes.push(tr.t("benchmark-not-taking-part"));
        } else if b.comparisons.is_empty() {
            notes.push(tr.t1("benchmark-too-few", "min", mognad_domain::benchmark::MIN_ORGS));
        }
        for cmp in &b.comparisons {
            let heading = tr.t1(
                &format!("benchmark-population-{}", cmp.population.key()),
                "n",
                cmp.orgs,
            );
            let id = format!("spread-{}", cmp.population.key());
            sections.push(section(tr, &b, &id, heading, &cmp.engines));
        }
        if let Some(r) = &b.reference {
            let heading = tr.tn(
                "benchmark-reference",
                &[("name", &r.name), ("n", &r.rows.to_string())],
            );
            sections.push(section(tr, &b, "spread-reference", heading, &r.engines));
        }
    }
    Ok(render_refused(
        BenchmarkPage {
            l,
            action,
            taking_part,
            fields: f,
            errors,
            rounds: b
                .rounds
                .iter()
                .map(|(id, name)| (id.to_string(), name.clone(), Some(*id) == b.round))
                .collect(),
            notes,
            sections,
        },
        refused,
    ))
}

pub async fn show(c: PageCtx, QueryOr(q): QueryOr<BenchmarkQuery>) -> Page {
    let round = match q.round.trim() {
        "" => None,
        raw => Some(raw.parse::<RoundId>().map_err(|_| c.err()(AppError::NotFound))?),
    };
    page(&c, round, None, None).await
}

pub async fn save(c: PageCtx, PageForm(input): PageForm<ParticipationInput>) -> Page {
    match c
        .state
        .app
        .measurement()
        .set_participation(&c.org.actor, &input)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/orgs/{}/benchmark", c.org.actor.org)).into_response()),
        Err(e @ AppError::Invalid(_)) => page(&c, None, Some(input), Some(e)).await,
        Err(e) => Err(c.err()(e)),
    }
}
