//! The organisation's accounts in the browser: who has which role, pausing and resuming,
//! invitations by mail with a one-time link.

use crate::error::WebError;
use crate::extract::{IdParam, PageForm};
use crate::page::{PageCtx, org_layout, translated};
use crate::views::{Choice, Field, FormError, Layout};
use askama::Template;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use mognad_app::platform::members::IssuedInvitation;
use mognad_domain::ids::UserId;
use mognad_domain::role::Role;
use serde::Deserialize;

type Page = Result<Response, WebError>;

pub struct MemberRow {
    pub id: uuid::Uuid,
    pub base: String,
    pub name: String,
    pub email: String,
    pub role: String,
    pub roles: Vec<Choice>,
    pub state: String,
    pub active: bool,
    pub changeable: bool,
    pub last_sign_in: String,
    pub person: Option<(String, String)>,
}

pub struct InvitationRow {
    pub email: String,
    pub role: String,
    pub state: String,
    pub withdraw: String,
}

#[derive(Template)]
#[template(path = "members.html")]
pub struct MembersPage {
    pub l: Layout,
    pub notice: Option<String>,
    pub link: Option<String>,
    pub errors: Vec<FormError>,
    pub members: Vec<MemberRow>,
    pub invitations: Vec<InvitationRow>,
    pub invite_action: String,
    pub fields: Vec<Field>,
    pub tokens_href: String,
    pub sso_href: String,
    pub audit_href: Option<String>,
    /// For owners: whether two-factor sign-in is required of owners and admins.
    pub two_factor: Option<bool>,
    pub policy_action: String,
}

/// The roles `actor` may hand out, for a select.
pub(crate) fn role_options(c: &PageCtx) -> Vec<(String, String)> {
    Role::ALL
        .iter()
        .rev()
        .filter(|r| c.org.actor.role.at_least(**r))
        .map(|r| (r.as_str().to_owned(), c.tr.t(&format!("role-{r}"))))
        .collect()
}

/// A moment as the pages show it (UTC, to the minute), or a dash.
pub(crate) fn when(at: Option<chrono::DateTime<chrono::Utc>>, tr: crate::i18n::Tr) -> String {
    at.map_or_else(|| tr.t("never"), |t| t.format("%Y-%m-%d %H:%M UTC").to_string())
}

fn invite_fields(c: &PageCtx, email: &str, role: &str) -> Vec<Field> {
    vec![
        Field::new("email", c.tr.t("field-email"), "email", email)
            .required()
            .hint(c.tr.t("invite-email-hint")),
        Field::select("role", c.tr.t("users-col-role"), None, role_options(c), role),
    ]
}

/// The page, with a notice or errors from what was just done.
async fn page(
    c: &PageCtx,
    notice: Option<String>,
    link: Option<String>,
    errors: Vec<FormError>,
    fields: Vec<Field>,
) -> Page {
    let app = &c.state.app;
    let a = &c.org.actor;
    let members = app.platform().members(a).await.map_err(c.err())?;
    let invitations = app.platform().invitations(a).await.map_err(c.err())?;
    let two_factor = if a.role == Role::Owner {
        Some(app.platform().two_factor_required(a).await.map_err(c.err())?)
    } else {
        None
    };
    let base = format!("/orgs/{}", a.org);
    let l = org_layout(
        &c.state,
        &c.org,
        c.tr,
        &c.csrf,
        "members",
        &format!("{base}/members"),
    )
    .await?;
    let now = chrono::Utc::now();
    let tr = c.tr;
    let options = role_options(c);
    let members = members
        .into_iter()
        .map(|m| MemberRow {
            id: m.user.0,
            base: format!("{base}/members/{}", m.user.0),
            changeable: m.user != a.user.id && (m.role != Role::Owner || a.role == Role::Owner),
            roles: options
                .iter()
                .map(|(v, label)| Choice {
                    value: v.clone(),
                    label: label.clone(),
                    selected: *v == m.role.as_str(),
                })
                .collect(),
            name: m.display_name,
            email: m.email,
            role: tr.t(&format!("role-{}", m.role)),
            state: tr.t(if m.active { "users-active" } else { "users-paused" }),
            active: m.active,
            last_sign_in: when(m.last_sign_in, tr),
            person: m.person.map(|(id, name)| (name, format!("{base}/people/{id}"))),
        })
        .collect();
    let invitations = invitations
        .into_iter()
        .map(|i| InvitationRow {
            state: if i.expires_at <= now {
                tr.t("invitations-expired")
            } else {
                tr.t1(
                    "invitations-until",
                    "date",
                    i.expires_at.format("%Y-%m-%d").to_string(),
                )
            },
            email: i.email,
            role: tr.t(&format!("role-{}", i.role)),
            withdraw: format!("{base}/invitations/{}/withdraw", i.id),
        })
        .collect();
    let refused = !errors.is_empty();
    Ok(crate::page::render_refused(
        MembersPage {
            l,
            notice,
            link,
            errors,
            members,
            invitations,
            invite_action: format!("{base}/members/invite"),
            fields,
            tokens_href: format!("{base}/tokens"),
            sso_href: format!("{base}/sso"),
            audit_href: (a.role == Role::Owner).then(|| format!("{base}/audit")),
            two_factor,
            policy_action: format!("{base}/members/two-factor"),
        },
        refused,
    ))
}

pub async fn list(c: PageCtx) -> Page {
    c.org.actor.require(Role::Admin).map_err(c.err())?;
    let fields = invite_fields(&c, "", "member");
    page(&c, None, None, Vec::new(), fields).await
}

/// A refusal about one member shown on the list, not as an error page.
async fn refused(c: &PageCtx, e: AppError) -> Page {
    match e {
        AppError::Invalid(list) => {
            let errors = list
                .iter()
                .map(|i| FormError {
                    href: "#main".into(),
                    message: translated(i, c.tr),
                })
                .collect();
            page(c, None, None, errors, invite_fields(c, "", "member")).await
        }
        e => Err(c.err()(e)),
    }
}

#[derive(Deserialize)]
pub struct RoleForm {
    role: String,
}

pub async fn set_role(c: PageCtx, IdParam(id): IdParam, PageForm(f): PageForm<RoleForm>) -> Page {
    let role = Role::parse(&f.role).map_err(|e| c.err()(e.into()))?;
    match c
        .state
        .app
        .platform()
        .set_member_role(&c.org.actor, UserId(id), role)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/orgs/{}/members", c.org.actor.org)).into_response()),
        Err(e) => refused(&c, e).await,
    }
}

#[derive(Deserialize)]
pub struct ActiveForm {
    active: String,
}

pub async fn set_active(c: PageCtx, IdParam(id): IdParam, PageForm(f): PageForm<ActiveForm>) -> Page {
    let active = f.active == "true";
    match c
        .state
        .app
        .platform()
        .set_member_active(&c.org.actor, UserId(id), active)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/orgs/{}/members", c.org.actor.org)).into_response()),
        Err(e) => refused(&c, e).await,
    }
}

#[derive(Deserialize)]
pub struct InviteForm {
    email: String,
    role: String,
}

/// The link an invitation mail carries.
pub(crate) fn invitation_link(base_url: &str, issued: &IssuedInvitation) -> String {
    format!("{}/invite/{}", base_url.trim_end_matches('/'), issued.token)
}

pub async fn invite(c: PageCtx, headers: axum::http::HeaderMap, PageForm(f): PageForm<InviteForm>) -> Page {
    let result = match Role::parse(&f.role) {
        Ok(role) => c.state.app.platform().invite(&c.org.actor, &f.email, role).await,
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(issued) => {
            let base_url = crate::measurement::pages::invitations::public_base(&c.state, &headers);
            let link = invitation_link(&base_url, &issued);
            let org = c
                .state
                .app
                .org()
                .organisation(&c.org.actor)
                .await
                .map_err(c.err())?;
            let name = org.settings.name.to_string();
            let sent = super::mail::invitation(&c.state, &issued, &name, &link, org.settings.language)
                .await
                .map_err(c.err())?;
            let notice = c.tr.t1(
                if sent { "invite-sent" } else { "invite-made" },
                "email",
                &issued.invitation.email,
            );
            // The link goes to the invitee only: shown here just when no mail could carry it.
            page(
                &c,
                Some(notice),
                (!sent).then_some(link),
                Vec::new(),
                invite_fields(&c, "", "member"),
            )
            .await
        }
        Err(e) => {
            let mut fields = invite_fields(&c, &f.email, &f.role);
            let errors = crate::page::apply_errors(&mut fields, e, c.tr)?;
            page(&c, None, None, errors, fields).await
        }
    }
}

pub async fn withdraw(c: PageCtx, IdParam(id): IdParam) -> Page {
    c.state
        .app
        .platform()
        .withdraw_invitation(&c.org.actor, mognad_domain::ids::InvitationId(id))
        .await
        .map_err(c.err())?;
    Ok(Redirect::to(&format!("/orgs/{}/members", c.org.actor.org)).into_response())
}
