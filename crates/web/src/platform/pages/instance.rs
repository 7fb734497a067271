//! The instance administrator's page: every organisation, and a new one with its first owner
//! invited by mail.

use crate::AppState;
use crate::client_addr::ClientAddr;
use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::extract::PageForm;
use crate::i18n::Tr;
use crate::page::{apply_errors, page_error};
use crate::session::CurrentUser;
use crate::views::{Field, FormError, Layout};
use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;

type Page = Result<Response, WebError>;

#[derive(Template)]
#[template(path = "admin.html")]
pub struct AdminPage {
    pub l: Layout,
    pub notice: Option<String>,
    pub link: Option<String>,
    pub errors: Vec<FormError>,
    /// Name, address when the administrator is a member there, accounts.
    pub orgs: Vec<(String, Option<String>, i64)>,
    pub fields: Vec<Field>,
    /// Loaded reference tables: model, name, rows, when, the address that removes it.
    pub references: Vec<(String, String, i64, String, String)>,
    /// The reference upload: its address (the CSRF token in the query, as multipart bodies
    /// are not read by the check), fields and problems.
    pub reference_action: String,
    pub reference_fields: Vec<Field>,
    pub reference_errors: Vec<String>,
    pub reference_columns: Vec<(String, String)>,
}

fn fields(tr: Tr, name: &str, language: &str, owner: &str) -> Vec<Field> {
    vec![
        Field::new("name", tr.t("admin-col-org"), "text", name).required(),
        Field::select(
            "language",
            tr.t("field-language"),
            None,
            vec![("sv".into(), "Svenska".into()), ("en".into(), "English".into())],
            language,
        ),
        Field::new("owner_email", tr.t("admin-owner-email"), "email", owner)
            .required()
            .hint(tr.t("admin-owner-hint")),
    ]
}

pub(super) struct Shown {
    pub notice: Option<String>,
    pub link: Option<String>,
    pub errors: Vec<FormError>,
    pub fields: Vec<Field>,
    pub reference: super::references::Upload,
}

impl Shown {
    pub(super) fn new(tr: Tr) -> Self {
        Shown {
            notice: None,
            link: None,
            errors: Vec::new(),
            fields: fields(tr, "", tr.code(), ""),
            reference: super::references::Upload::default(),
        }
    }
}

pub(super) async fn page(
    state: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    current: &CurrentUser,
    shown: Shown,
) -> Page {
    let orgs = state
        .app
        .platform()
        .instance_organisations(&current.user)
        .await
        .map_err(page_error(tr))?;
    let mine = state
        .app
        .org()
        .my_orgs(current.user.id)
        .await
        .map_err(page_error(tr))?;
    let refs = super::references::section(state, tr, csrf, current, &shown.reference).await?;
    let mut l = Layout::bare(tr, csrf.0.clone());
    l.user = Some(current.user.display_name.to_string());
    let refused = !shown.errors.is_empty() || !shown.reference.errors.is_empty();
    Ok(crate::page::render_refused(
        AdminPage {
            l,
            notice: shown.notice,
            link: shown.link,
            errors: shown.errors,
            orgs: orgs
                .into_iter()
                .map(|o| {
                    let href = mine
                        .iter()
                        .any(|(m, _)| m.id == o.id)
                        .then(|| format!("/orgs/{}", o.id));
                    (o.name, href, o.accounts)
                })
                .collect(),
            fields: shown.fields,
            references: refs.rows,
            reference_action: refs.action,
            reference_fields: refs.fields,
            reference_errors: shown.reference.errors,
            reference_columns: refs.columns,
        },
        refused,
    ))
}

pub async fn index(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    current: CurrentUser,
) -> Page {
    page(&state, tr, &csrf, &current, Shown::new(tr)).await
}

#[derive(Deserialize)]
pub struct NewOrg {
    name: String,
    language: String,
    owner_email: String,
}

pub async fn create(
    State(state): State<AppState>,
    tr: Tr,
    Extension(csrf): Extension<CsrfToken>,
    current: CurrentUser,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    PageForm(f): PageForm<NewOrg>,
) -> Page {
    let result = state
        .app
        .platform()
        .create_organisation(&current.user, &f.name, &f.language, &f.owner_email, &client)
        .await;
    let shown = match result {
        Ok((org, issued)) => {
            let base_url = crate::measurement::pages::invitations::public_base(&state, &headers);
            let link = super::members::invitation_link(&base_url, &issued);
            let name = org.settings.name.to_string();
            let sent = super::mail::invitation(&state, &issued, &name, &link, org.settings.language)
                .await
                .map_err(page_error(tr))?;
            let key = if sent {
                "admin-org-created-sent"
            } else {
                "admin-org-created"
            };
            Shown {
                notice: Some(tr.tn(key, &[("org", &name), ("email", &issued.invitation.email)])),
                link: Some(link),
                ..Shown::new(tr)
            }
        }
        Err(e) => {
            let mut fields = fields(tr, &f.name, &f.language, &f.owner_email);
            let errors = apply_errors(&mut fields, e, tr)?;
            Shown {
                errors,
                fields,
                ..Shown::new(tr)
            }
        }
    };
    page(&state, tr, &csrf, &current, shown).await
}
