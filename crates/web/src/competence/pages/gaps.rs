//! The gap report page: per competence of a framework, how many people's roles require it,
//! how many of them are assessed and how many stand below their own role's requirement, with
//! the same table as CSV and XLSX.

use super::team_map::FrameworkQuery;
use crate::error::WebError;
use crate::extract::QueryOr;
use crate::i18n::Tr;
use crate::measurement::pages::exports::{attachment, file_name};
use crate::page::{PageCtx, org_layout, render};
use askama::Template;
use axum::response::Response;
use mognad_app::AppError;
use mognad_app::competence::gap_report::{GapReport, gap_table};
use mognad_domain::competence::Framework;
use mognad_domain::ids::FrameworkId;
use mognad_domain::org::Language;

type Page = Result<Response, WebError>;

#[derive(Template)]
#[template(path = "gaps.html")]
pub struct GapsPage {
    pub l: crate::views::Layout,
    pub action: String,
    pub frameworks: Vec<(String, String, bool)>,
    pub intro: String,
    pub headers: [String; 6],
    /// Competence name, then the five figures as shown.
    pub rows: Vec<(String, [String; 5])>,
    /// The query string of the downloads.
    pub download: String,
}

fn headers(tr: Tr) -> [String; 6] {
    [
        "gaps-competence",
        "gaps-required",
        "gaps-assessed",
        "gaps-below",
        "gaps-not-assessed",
        "gaps-mean",
    ]
    .map(|k| tr.t(k))
}

async fn report(c: &PageCtx, q: &FrameworkQuery) -> Result<(GapReport, Framework), WebError> {
    let framework = q
        .framework
        .as_deref()
        .and_then(|f| f.trim().parse().ok())
        .map(FrameworkId);
    let app = c.state.app.competence();
    let r = app.gap_report(&c.org.actor, framework).await.map_err(c.err())?;
    let f = app
        .framework(&c.org.actor, r.framework.id)
        .await
        .map_err(c.err())?;
    Ok((r, f))
}

fn name_of(f: &Framework, lang: Language) -> impl Fn(&str) -> String + '_ {
    move |id| {
        f.competence(id)
            .map_or(id.to_owned(), |c| c.name.get(lang).to_owned())
    }
}

/// A mean gap as the page writes it: signed, one decimal, a decimal comma in Swedish.
fn signed(v: Option<f32>, lang: Language) -> String {
    let Some(v) = v else { return "–".into() };
    let text = if v.abs() < 0.05 {
        "0".into()
    } else {
        format!("{v:+.1}")
    };
    if lang == Language::Sv {
        text.replace('.', ",")
    } else {
        text
    }
}

pub async fn show(c: PageCtx, QueryOr(q): QueryOr<FrameworkQuery>) -> Page {
    let tr = c.tr;
    let (r, f) = report(&c, &q).await?;
    let here = format!("/orgs/{}/competence/gaps", c.org.actor.org);
    let l = org_layout(&c.state, &c.org, tr, &c.csrf, "gaps", &here).await?;
    let frameworks = c
        .state
        .app
        .competence()
        .frameworks(&c.org.actor)
        .await
        .map_err(c.err())?;
    let name = name_of(&f, tr.lang);
    Ok(render(GapsPage {
        l,
        download: format!("framework={}", r.framework.id),
        action: here,
        frameworks: super::framework_options(&frameworks, tr.lang, r.framework.id),
        intro: format!(
            "{} {}",
            tr.t1("gaps-intro", "people", r.people),
            tr.t1("gaps-withheld", "k", r.threshold)
        ),
        headers: headers(tr),
        rows: r
            .rows
            .iter()
            .map(|g| {
                (
                    name(&g.competence),
                    [
                        g.required.to_string(),
                        g.assessed.to_string(),
                        if g.withheld {
                            "–".into()
                        } else {
                            g.below.to_string()
                        },
                        g.not_assessed().to_string(),
                        signed(g.mean_gap, tr.lang),
                    ],
                )
            })
            .collect(),
    }))
}

fn stem(r: &GapReport) -> String {
    file_name(&format!("gaps-{}-v{}", r.framework.key, r.framework.version), "")
        .trim_end_matches('-')
        .to_owned()
}

pub async fn csv(c: PageCtx, QueryOr(q): QueryOr<FrameworkQuery>) -> Page {
    let (r, f) = report(&c, &q).await?;
    let table = gap_table(&r, headers(c.tr), name_of(&f, c.tr.lang));
    // A byte-order mark makes spreadsheet programs read the file as UTF-8 (å, ä, ö).
    let body = format!("\u{feff}{}", table.to_csv());
    Ok(attachment(
        "text/csv; charset=utf-8",
        &format!("{}.csv", stem(&r)),
        body.into(),
    ))
}

pub async fn xlsx(c: PageCtx, QueryOr(q): QueryOr<FrameworkQuery>) -> Page {
    let (r, f) = report(&c, &q).await?;
    let table = gap_table(&r, headers(c.tr), name_of(&f, c.tr.lang));
    let bytes = mognad_reports::xlsx::write(&table, &c.tr.t("gaps-title"))
        .map_err(|e| WebError::app(AppError::Internal(e.to_string()), false, c.tr))?;
    Ok(attachment(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!("{}.xlsx", stem(&r)),
        bytes.into(),
    ))
}
