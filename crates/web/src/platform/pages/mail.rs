//! The account mails (an invitation, a password reset), worded from the translation files in
//! the organisation's or the account's language, and the address their links point to.

use crate::AppState;
use crate::i18n::Tr;
use mognad_app::AppError;
use mognad_app::platform::members::{INVITATION_DAYS, IssuedInvitation};
use mognad_domain::org::Language;

/// Mails an invitation; false when no mailer is set up (the page then shows the link to pass on).
pub(crate) async fn invitation(
    state: &AppState,
    issued: &IssuedInvitation,
    org: &str,
    link: &str,
    language: Language,
) -> Result<bool, AppError> {
    let Some(mailer) = &state.mailer else {
        return Ok(false);
    };
    let tr = Tr::new(language);
    let days = INVITATION_DAYS.to_string();
    let role = tr.t(&format!("role-{}", issued.invitation.role));
    let subject = tr.t1("mail-invite-subject", "org", org);
    let body = tr.tn(
        "mail-invite-body",
        &[("org", org), ("role", &role), ("link", link), ("days", &days)],
    );
    let email = &issued.invitation.email;
    mailer.send_text(email, email, &subject, &body).await?;
    Ok(true)
}

/// Mails a password-reset link.
pub(crate) async fn reset(
    state: &AppState,
    name: &str,
    email: &str,
    link: &str,
    language: Language,
) -> Result<(), AppError> {
    let Some(mailer) = &state.mailer else {
        return Err(AppError::Refused {
            code: "no-mail-for-reset",
            message: "no mail server is set up".into(),
        });
    };
    let tr = Tr::new(language);
    let minutes = mognad_app::platform::links::RESET_MINUTES.to_string();
    let subject = tr.t("mail-reset-subject");
    let body = tr.tn(
        "mail-reset-body",
        &[("name", name), ("link", link), ("minutes", &minutes)],
    );
    mailer.send_text(name, email, &subject, &body).await
}

/// Where a password-reset link may point: the configured `public_url`, or — for trying Mognad
/// out on one machine — the browser's own address when it is this machine. Anything else
/// would let a stranger, by sending a forged `Host`, have someone's reset link mailed pointing
/// at a site of theirs.
pub(crate) fn reset_base(state: &AppState, headers: &axum::http::HeaderMap) -> Option<String> {
    if let Some(url) = &state.config.public_url {
        return Some(url.trim_end_matches('/').to_owned());
    }
    let origin = crate::measurement::pages::invitations::origin(state, headers);
    let host = origin.split("://").nth(1).unwrap_or("");
    let name = host.rsplit_once(':').map_or(host, |(h, _)| h);
    matches!(name, "localhost" | "127.0.0.1" | "[::1]").then_some(origin)
}
