//! The instance administrator's reference tables for the benchmark: the list of loaded tables
//! with a way to remove each, and the upload of a CSV file of engine means per organisation
//! for a model (shown on the administrator's page, below the organisations).

use super::instance::{Shown, page};
use crate::AppState;
use crate::csrf::{self, CsrfToken};
use crate::error::WebError;
use crate::i18n::Tr;
use crate::page::{page_error, translated};
use crate::session::CurrentUser;
use crate::views::Field;
use axum::Extension;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;

type Page = Result<Response, WebError>;

/// What the upload form holds and what was wrong with it.
#[derive(Default)]
pub struct Upload {
    pub model: String,
    pub name: String,
    pub errors: Vec<String>,
}

/// The reference tables' part of the administrator's page.
pub(super) struct Section {
    pub rows: Vec<(String, String, i64, String, String)>,
    pub action: String,
    pub fields: Vec<Field>,
    /// Each model's name with its engine ids, the file's column headings.
    pub columns: Vec<(String, String)>,
}

pub(super) async fn section(
    state: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    current: &CurrentUser,
    upload: &Upload,
) -> Result<Section, WebError> {
    let m = state.app.measurement();
    let models = m.reference_models(&current.user).await.map_err(page_error(tr))?;
    let loaded = m.references(&current.user).await.map_err(page_error(tr))?;
    let model_name = |key: &str| {
        models
            .iter()
            .find(|m| m.id == key)
            .map_or_else(|| key.to_owned(), |m| m.name.get(tr.lang).to_owned())
    };
    let choices = models
        .iter()
        .map(|m| (m.id.clone(), format!("{} ({})", m.name.get(tr.lang), m.id)))
        .collect();
    let columns = models
        .iter()
        .map(|m| {
            let ids: Vec<String> = m
                .engines
                .iter()
                .map(|e| format!("{} ({})", e.id, e.name.get(tr.lang)))
                .collect();
            (m.name.get(tr.lang).to_owned(), ids.join(", "))
        })
        .collect();
    Ok(Section {
        columns,
        rows: loaded
            .iter()
            .map(|r| {
                (
                    model_name(&r.model_key),
                    r.name.clone(),
                    r.rows,
                    r.loaded_at.format("%Y-%m-%d").to_string(),
                    format!(
                        "/admin/references/{}/delete",
                        crate::http::url_encode(&r.model_key)
                    ),
                )
            })
            .collect(),
        action: format!("/admin/references?{}={}", csrf::FIELD, csrf.0),
        fields: vec![
            Field::select("ref_model", tr.t("reference-model"), None, choices, &upload.model),
            Field::new("ref_name", tr.t("reference-name"), "text", upload.name.clone())
                .required()
                .hint(tr.t("reference-name-hint")),
        ],
    })
}

pub async fn upload(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    current: CurrentUser,
    mut form: Multipart,
) -> Page {
    let bad = WebError::multipart(tr);
    let mut u = Upload::default();
    let mut file: Option<Vec<u8>> = None;
    while let Some(field) = form.next_field().await.map_err(bad)? {
        match field.name() {
            Some("ref_model") => u.model = field.text().await.map_err(bad)?,
            Some("ref_name") => u.name = field.text().await.map_err(bad)?,
            Some("file") => file = Some(field.bytes().await.map_err(bad)?.to_vec()).filter(|b| !b.is_empty()),
            _ => {}
        }
    }
    let text = match file.map(String::from_utf8) {
        None => Err(tr.t("import-no-file")),
        Some(Err(_)) => Err(tr.t("frameworks-not-utf8")),
        Some(Ok(text)) => Ok(text),
    };
    let result = match text {
        Err(message) => Err(vec![message]),
        Ok(text) => match state
            .app
            .measurement()
            .load_reference(&current.user, &u.model, &u.name, &text)
            .await
        {
            Ok(r) => Ok(r),
            Err(AppError::Invalid(list)) => Err(list.iter().map(|i| translated(i, tr)).collect()),
            Err(e) => return Err(page_error(tr)(e)),
        },
    };
    let shown = match result {
        Ok(r) => Shown {
            notice: Some(tr.tn(
                "reference-loaded",
                &[("name", &r.name), ("n", &r.rows.to_string())],
            )),
            ..Shown::new(tr)
        },
        Err(errors) => Shown {
            reference: Upload { errors, ..u },
            ..Shown::new(tr)
        },
    };
    page(&state, tr, &csrf, &current, shown).await
}

pub async fn delete(
    State(state): State<AppState>,
    tr: Tr,
    current: CurrentUser,
    Path(key): Path<String>,
) -> Page {
    state
        .app
        .measurement()
        .delete_reference(&current.user, &key)
        .await
        .map_err(page_error(tr))?;
    Ok(Redirect::to("/admin").into_response())
}
