//! Downloads of a round: results as CSV and XLSX, and every anonymous answer as a streamed CSV.

use crate::error::WebError;
use crate::extract::IdParam;
use crate::i18n::Tr;
use crate::page::PageCtx;
use axum::body::Body;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use mognad_app::measurement::export::{ExportWords, results_table};
use mognad_domain::ids::RoundId;

type Page = Result<Response, WebError>;

/// A file name made of the round's name, safe in a header.
pub(crate) fn file_name(round: &str, suffix: &str) -> String {
    let stem: String = round
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{stem}-{suffix}")
}

pub(crate) fn attachment(content_type: &'static str, name: &str, body: Body) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// The export's headings and values in the reader's language.
fn words(tr: Tr) -> ExportWords {
    let t = |k: &str| tr.t(k);
    ExportWords {
        headers: [
            t("export-kind"),
            t("export-name"),
            t("export-answers"),
            t("export-shown"),
        ],
        kinds: [
            t("results-kind-org"),
            t("results-kind-unit"),
            t("results-kind-group"),
        ],
        shown: [t("export-yes"), t("export-no")],
        lang: tr.lang,
    }
}

pub async fn results_csv(c: PageCtx, IdParam(id): IdParam) -> Page {
    let res = c
        .state
        .app
        .measurement()
        .results_for_export(&c.org.actor, RoundId(id))
        .await
        .map_err(c.err())?;
    // A byte-order mark makes spreadsheet programs read the file as UTF-8 (å, ä, ö).
    let body = format!("\u{feff}{}", results_table(&res, &words(c.tr)).to_csv());
    Ok(attachment(
        "text/csv; charset=utf-8",
        &file_name(&res.round_name, "results.csv"),
        body.into(),
    ))
}

pub async fn results_xlsx(c: PageCtx, IdParam(id): IdParam) -> Page {
    let res = c
        .state
        .app
        .measurement()
        .results_for_export(&c.org.actor, RoundId(id))
        .await
        .map_err(c.err())?;
    let bytes = mognad_reports::xlsx::write(&results_table(&res, &words(c.tr)), &res.round_name)
        .map_err(|e| WebError::app(mognad_app::AppError::Internal(e.to_string()), false, c.tr))?;
    Ok(attachment(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &file_name(&res.round_name, "results.xlsx"),
        bytes.into(),
    ))
}

pub async fn answers_csv(c: PageCtx, IdParam(id): IdParam) -> Page {
    let round = c
        .state
        .app
        .measurement()
        .round(&c.org.actor, RoundId(id))
        .await
        .map_err(c.err())?;
    let rx = c
        .state
        .app
        .measurement()
        .stream_answers(&c.org.actor, RoundId(id))
        .await
        .map_err(c.err())?;
    let chunks = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv()
            .await
            .map(|chunk| (chunk.map_err(|e| std::io::Error::other(e.to_string())), rx))
    });
    Ok(attachment(
        "text/csv; charset=utf-8",
        &file_name(&round.name, "answers.csv"),
        Body::from_stream(chunks),
    ))
}
