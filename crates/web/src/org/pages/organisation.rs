//! The organisation's overview and settings pages.

use crate::AppState;
use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::extract::PageForm;
use crate::i18n::Tr;
use crate::page::PageCtx;
use crate::page::page_error;
use crate::session::OrgCtx;
use crate::views::{Count, Field, FormPage};
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::org::organisations::SettingsInput;
use mognad_domain::org::Language;
use mognad_domain::role::Role;

pub async fn overview(c: PageCtx) -> Result<Response, WebError> {
    let (tr, a) = (c.tr, &c.org.actor);
    let base = format!("/orgs/{}", a.org);
    let e = page_error(tr);
    let app = &c.state.app;
    let org = app.org().organisation(a).await.map_err(e)?;
    let counts = vec![
        Count {
            label: tr.t("nav-units"),
            n: app.org().units(a).await.map_err(e)?.len() as i64,
            href: format!("{base}/units"),
        },
        Count {
            label: tr.t("nav-people"),
            n: app.org().people(a, None, 1, 0).await.map_err(e)?.1,
            href: format!("{base}/people"),
        },
        Count {
            label: tr.t("nav-groups"),
            n: app.org().groups(a).await.map_err(e)?.len() as i64,
            href: format!("{base}/groups"),
        },
        Count {
            label: tr.t("nav-teams"),
            n: app.org().teams(a).await.map_err(e)?.len() as i64,
            href: format!("{base}/teams"),
        },
        Count {
            label: tr.t("nav-relationships"),
            n: app.org().relationships(a).await.map_err(e)?.len() as i64,
            href: format!("{base}/relationships"),
        },
    ];
    let threshold = org.settings.anonymity_threshold.get();
    super::overview::overview(c, counts, threshold, org.settings.name.to_string()).await
}

fn fields(tr: Tr, input: &SettingsInput) -> Vec<Field> {
    let langs = Language::ALL
        .iter()
        .map(|l| (l.code().to_owned(), tr.t(&format!("language-{}", l.code()))))
        .collect();
    vec![
        Field::new("name", tr.t("field-name"), "text", input.name.clone()).required(),
        Field::select("language", tr.t("field-language"), None, langs, &input.language),
        Field::new(
            "anonymity_threshold",
            tr.t("field-threshold"),
            "number",
            input.anonymity_threshold.clone(),
        )
        .required()
        .hint(tr.t("hint-threshold")),
    ]
}

async fn page(
    state: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &OrgCtx,
    input: &SettingsInput,
    err: Option<mognad_app::AppError>,
) -> Result<Response, WebError> {
    let action = format!("/orgs/{}/settings", ctx.actor.org);
    let l = crate::page::org_layout(state, ctx, tr, csrf, "settings", &action).await?;
    let mut f = fields(tr, input);
    let errors = match err {
        Some(e) => crate::page::apply_errors(&mut f, e, tr)?,
        None => Vec::new(),
    };
    Ok(crate::page::render_form(FormPage {
        l,
        heading: tr.t("settings-title"),
        action,
        fields: f,
        errors,
        submit: tr.t("save"),
        cancel: None,
        delete_href: None,
        members: None,
        links: Vec::new(),
    }))
}

pub async fn settings_page(
    PageCtx {
        state,
        tr,
        csrf,
        org: ctx,
    }: PageCtx,
) -> Result<Response, WebError> {
    ctx.actor.require(Role::Admin).map_err(page_error(tr))?;
    let org = state
        .app
        .org()
        .organisation(&ctx.actor)
        .await
        .map_err(page_error(tr))?;
    let s = &org.settings;
    let input = SettingsInput {
        name: s.name.to_string(),
        language: s.language.code().into(),
        anonymity_threshold: s.anonymity_threshold.get().to_string(),
    };
    page(&state, tr, &csrf, &ctx, &input, None).await
}

pub async fn save_settings(
    PageCtx {
        state,
        tr,
        csrf,
        org: ctx,
    }: PageCtx,
    PageForm(input): PageForm<SettingsInput>,
) -> Result<Response, WebError> {
    match state.app.org().update_settings(&ctx.actor, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/orgs/{}", ctx.actor.org)).into_response()),
        Err(e) => page(&state, tr, &csrf, &ctx, &input, Some(e)).await,
    }
}
