//! Intake forms: the admin's list and designer (with the recurring problems found among the
//! tasks), and the form itself at `/f/{slug}`, answered by anyone with the link (members only
//! for an internal form), which gives the submitter a receipt code.

use crate::AppState;
use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::extract::IdParam;
use crate::i18n::Tr;
use crate::page::{PageCtx, after_write, org_layout, render, translated};
use crate::session::CurrentUser;
use crate::views::Layout;
use askama::Template;
use axum::Form;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use mognad_app::plan::intake::{FormInput, FormView};
use mognad_app::plan::intake_answers::Recurring;
use mognad_domain::ids::{IntakeFormId, UserId};
use mognad_domain::plan::intake::{FieldKind, write_fields};
use mognad_domain::role::Role;
use uuid::Uuid;

type Page = Result<Response, WebError>;

#[derive(Template)]
#[template(path = "intake.html")]
pub struct IntakePage {
    pub l: Layout,
    pub base: String,
    pub admin: bool,
    pub errors: Vec<String>,
    /// (edit href, name, public link, public)
    pub forms: Vec<(String, String, String, bool)>,
    pub boards: Vec<(String, String, bool)>,
    /// The designer's action and values (a new form, or the one being edited).
    pub action: String,
    pub editing: bool,
    pub name: String,
    pub public: bool,
    pub intro: String,
    pub fields: String,
    pub recurring: Vec<Recurring>,
}

impl IntakePage {
    /// The organisation's address, from the page's own.
    fn org(&self) -> &str {
        self.base.trim_end_matches("/intake")
    }
    /// A recurring problem's cards, as the follow-up page takes them.
    fn cards_of(&self, g: &Recurring) -> String {
        g.tasks
            .iter()
            .map(|(id, _)| id.to_string())
            .collect::<Vec<_>>()
            .join(",")
    }
}

#[derive(Template)]
#[template(path = "intake_form.html")]
pub struct PublicFormPage {
    pub l: Layout,
    pub f: FormView,
    pub action: String,
    pub key: String,
    pub errors: Vec<(String, String)>,
    pub values: Vec<(String, String)>,
    pub contact: String,
    pub receipt: Option<String>,
}

impl PublicFormPage {
    pub fn value(&self, key: &str) -> String {
        self.values
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
    pub fn error(&self, key: &str) -> Option<String> {
        self.errors.iter().find(|(k, _)| k == key).map(|(_, e)| e.clone())
    }
    pub fn is(&self, kind: &FieldKind, name: &str) -> bool {
        kind.as_str() == name
    }
}

async fn designer(
    c: &PageCtx,
    editing: Option<Uuid>,
    input: Option<&FormInput>,
    errors: Vec<String>,
    status: StatusCode,
) -> Page {
    let app = &c.state.app;
    let actor = &c.org.actor;
    let base = format!("/orgs/{}/intake", actor.org);
    let l = org_layout(&c.state, &c.org, c.tr, &c.csrf, "intake", &base).await?;
    let forms = app.plan().intake_forms(actor).await.map_err(c.err())?;
    let boards = app.plan().boards(actor).await.map_err(c.err())?;
    let current = editing.and_then(|id| forms.iter().find(|f| f.id == IntakeFormId(id)));
    if editing.is_some() && current.is_none() {
        return Err(c.err()(AppError::NotFound));
    }
    let (name, board, public, intro, fields) = match (input, current) {
        (Some(i), _) => (
            i.name.clone(),
            i.board_id.clone(),
            i.public == "1",
            i.intro.clone(),
            i.fields.clone(),
        ),
        (None, Some(f)) => (
            f.name.clone(),
            f.board_id.to_string(),
            f.public,
            f.intro.clone(),
            write_fields(&f.fields),
        ),
        (None, None) => Default::default(),
    };
    let mut res = render(IntakePage {
        forms: forms
            .iter()
            .map(|f| {
                (
                    format!("{base}/{}", f.id),
                    f.name.clone(),
                    format!("/f/{}", f.slug),
                    f.public,
                )
            })
            .collect(),
        boards: boards
            .into_iter()
            .map(|b| (b.id.to_string(), b.name, b.id.to_string() == board))
            .collect(),
        action: editing.map_or(base.clone(), |id| format!("{base}/{id}")),
        editing: editing.is_some(),
        recurring: app.plan().recurring_problems(actor).await.map_err(c.err())?,
        admin: actor.role.at_least(Role::Admin),
        name,
        public,
        intro,
        fields,
        errors,
        base,
        l,
    });
    *res.status_mut() = status;
    Ok(res)
}

pub async fn list(c: PageCtx) -> Page {
    designer(&c, None, None, Vec::new(), StatusCode::OK).await
}

pub async fn edit(c: PageCtx, IdParam(id): IdParam) -> Page {
    designer(&c, Some(id), None, Vec::new(), StatusCode::OK).await
}

async fn save(c: PageCtx, id: Option<Uuid>, input: FormInput) -> Page {
    let r = c
        .state
        .app
        .plan()
        .save_intake_form(&c.org.actor, id.map(IntakeFormId), &input)
        .await;
    let to = format!("/orgs/{}/intake", c.org.actor.org);
    after_write(
        &c,
        r,
        |_| to,
        |errors| designer(&c, id, Some(&input), errors, StatusCode::UNPROCESSABLE_ENTITY),
    )
    .await
}

pub async fn create(c: PageCtx, Form(input): Form<FormInput>) -> Page {
    save(c, None, input).await
}

pub async fn update(c: PageCtx, IdParam(id): IdParam, Form(input): Form<FormInput>) -> Page {
    save(c, Some(id), input).await
}

/// The signed-in user, if any: internal forms need one, public forms do not.
pub struct MaybeUser(pub Option<UserId>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(MaybeUser(
            CurrentUser::from_request_parts(parts, state)
                .await
                .ok()
                .map(|c| c.user.id),
        ))
    }
}

fn public_page(p: PublicFormPage, status: StatusCode) -> Response {
    let mut res = render(p);
    *res.status_mut() = status;
    res
}

/// An internal form sends a visitor to sign in first; other refusals are error pages.
fn refused(tr: Tr, slug: &str, e: AppError) -> Page {
    match e {
        AppError::Unauthenticated => Ok(Redirect::to(&format!("/login?next=/f/{slug}")).into_response()),
        e => Err(WebError::app(e, false, tr)),
    }
}

pub async fn show(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    MaybeUser(user): MaybeUser,
    Path(slug): Path<String>,
) -> Page {
    let f = match s.app.plan().form_by_link(&slug, user).await {
        Ok(f) => f,
        Err(e) => return refused(tr, &slug, e),
    };
    let page = PublicFormPage {
        l: Layout::bare(tr, csrf.0.clone()),
        action: format!("/f/{slug}"),
        key: Uuid::new_v4().to_string(),
        errors: Vec::new(),
        values: Vec::new(),
        contact: String::new(),
        receipt: None,
        f,
    };
    Ok(public_page(page, StatusCode::OK))
}

pub async fn submit(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    MaybeUser(user): MaybeUser,
    Path(slug): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Page {
    let f = match s.app.plan().form_by_link(&slug, user).await {
        Ok(f) => f,
        Err(e) => return refused(tr, &slug, e),
    };
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let answers: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| k.starts_with('f'))
        .cloned()
        .collect();
    let (contact, key) = (get("contact"), get("key"));
    let mut page = PublicFormPage {
        l: Layout::bare(tr, csrf.0.clone()),
        action: format!("/f/{slug}"),
        key: key.clone(),
        errors: Vec::new(),
        values: answers.clone(),
        contact: contact.clone(),
        receipt: None,
        f,
    };
    match s
        .app
        .plan()
        .submit_intake(&slug, user, &answers, &contact, &key)
        .await
    {
        Ok(r) => {
            page.receipt = Some(r.code);
            Ok(public_page(page, StatusCode::OK))
        }
        Err(AppError::Invalid(list)) => {
            page.errors = list
                .iter()
                .map(|i| (i.field.clone().unwrap_or_default(), translated(i, tr)))
                .collect();
            Ok(public_page(page, StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(e) => refused(tr, &slug, e),
    }
}
