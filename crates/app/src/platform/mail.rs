//! Invitation and reminder e-mails: through an SMTP server when one is configured, otherwise
//! written as `.eml` files into a folder (to send by other means, or to read in development).
//!
//! Mail files are for trying Mognad out: the server says so when it starts without SMTP, and
//! starting with SMTP removes any left from before, since they hold personal links.
//!
//! A mail carries the respondent's personal link, which exists nowhere else; it is written in
//! the organisation's language with a short line in the other one, since people carry no
//! language of their own.

use crate::measurement::invite::IssuedLink;
use crate::{AppError, Result};
use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use mognad_domain::org::Language;
use std::path::PathBuf;

/// How long a mail server may take to answer; the notification worker's lease must outlast it.
pub const SMTP_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain SMTP, upgraded with STARTTLS before anything is sent; refused without it
    /// (submission on port 587, as Microsoft 365 and Google take it).
    #[default]
    StartTls,
    /// TLS from the first byte ("SMTPS", port 465).
    Tls,
    /// No encryption: only for a relay on the same machine or network segment.
    None,
}

/// Where mail goes, as configured.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// SMTP server host; `None` writes `.eml` files into `folder` instead.
    pub smtp_host: Option<String>,
    pub smtp_port: u16,
    pub smtp_tls: SmtpTls,
    /// A PEM file with the authority that signed the server's certificate, when it is not one
    /// the system trusts (an organisation's own CA); added to the system's authorities.
    pub smtp_ca_file: Option<PathBuf>,
    pub smtp_user: Option<String>,
    pub smtp_password: Option<String>,
    /// The sender, e.g. `Mognad <mognad@kommun.se>`.
    pub from: String,
    pub folder: PathBuf,
}

pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>, Mailbox),
    Folder(AsyncFileTransport<Tokio1Executor>, Mailbox, PathBuf),
}

/// What happened to a batch of invitations.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct MailReport {
    pub sent: usize,
    /// People without an e-mail address: their links must be handed over another way.
    pub without_email: usize,
    /// Set when mails were written to a folder rather than sent.
    pub folder: Option<String>,
}

/// What the mail is about.
pub struct Invitation<'a> {
    pub round: &'a str,
    pub org: &'a str,
    pub language: Language,
    /// The address respondents reach Mognad at, without a trailing slash.
    pub base_url: &'a str,
    pub reminder: bool,
}

fn texts(i: &Invitation, link: &str) -> (String, String) {
    let (round, org) = (i.round, i.org);
    match i.language {
        Language::Sv => (
            format!("{}{round} – {org}", if i.reminder { "Påminnelse: " } else { "" }),
            format!(
                "Hej!\n\n{org} mäter sin digitala mognad i alla ledningsgrupper, och din grupp är med i {round}.\n\
                 Svara via din personliga länk:\n\n{link}\n\n\
                 Svaren är anonyma: de sparas utan namn, och inget resultat visas för en grupp med för få svar.\n\
                 Du kan avbryta och fortsätta senare med samma länk. Dela inte länken.\n\n\
                 In English: this is your personal link to {org}'s digital maturity survey; the page has an English version.\n"
            ),
        ),
        Language::En => (
            format!("{}{round} – {org}", if i.reminder { "Reminder: " } else { "" }),
            format!(
                "Hello,\n\n{org} is measuring its digital maturity in every leadership group, and your group takes part in {round}.\n\
                 Please answer through your personal link:\n\n{link}\n\n\
                 Answers are anonymous: they are stored without a name, and no result is shown for a group with too few answers.\n\
                 You can stop and continue later with the same link. Do not share it.\n\n\
                 På svenska: detta är din personliga länk till enkäten om digital mognad; sidan finns på svenska.\n"
            ),
        ),
    }
}

/// Removes the `.eml` files in `folder`; returns how many went.
pub fn purge_mail_files(folder: &std::path::Path) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

/// The TLS settings for `host`: the system's authorities and, if given, the configured one.
fn tls(cfg: &MailConfig, host: &str) -> Result<Tls> {
    let params = || -> std::result::Result<TlsParameters, String> {
        let mut b = TlsParameters::builder(host.to_owned());
        if let Some(path) = &cfg.smtp_ca_file {
            let pem = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let cert = Certificate::from_pem(&pem).map_err(|e| format!("{}: {e}", path.display()))?;
            b = b.add_root_certificate(cert);
        }
        b.build_rustls().map_err(|e| e.to_string())
    };
    let fail = |e: String| AppError::Internal(format!("SMTP TLS settings: {e}"));
    Ok(match cfg.smtp_tls {
        SmtpTls::StartTls => Tls::Required(params().map_err(fail)?),
        SmtpTls::Tls => Tls::Wrapper(params().map_err(fail)?),
        SmtpTls::None => Tls::None,
    })
}

impl Mailer {
    pub fn new(cfg: &MailConfig) -> Result<Mailer> {
        let from: Mailbox = cfg
            .from
            .parse()
            .map_err(|e| AppError::Internal(format!("mail sender '{}': {e}", cfg.from)))?;
        match &cfg.smtp_host {
            Some(host) => {
                // Mail files from trying Mognad out hold personal links; with a real server
                // they have no use left, so none are kept.
                let removed = purge_mail_files(&cfg.folder);
                if removed > 0 {
                    tracing::info!(removed, folder = %cfg.folder.display(), "removed mail files written before SMTP was set up");
                }
                let mut b = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
                    .port(cfg.smtp_port)
                    .timeout(Some(SMTP_TIMEOUT))
                    .tls(tls(cfg, host)?);
                if cfg.smtp_tls == SmtpTls::None && cfg.smtp_user.is_some() {
                    tracing::warn!(
                        host,
                        "SMTP without TLS (smtp_tls = \"none\"): the password goes in clear"
                    );
                }
                if let (Some(u), Some(p)) = (&cfg.smtp_user, &cfg.smtp_password) {
                    b = b.credentials(Credentials::new(u.clone(), p.clone()));
                }
                Ok(Mailer::Smtp(b.build(), from))
            }
            None => {
                tracing::warn!(
                    folder = %cfg.folder.display(),
                    "no SMTP server is set (smtp_host): invitations and reminders are written as .eml files \
                     into this folder, for trying Mognad out only; they hold personal links"
                );
                std::fs::create_dir_all(&cfg.folder)
                    .map_err(|e| AppError::Internal(format!("{}: {e}", cfg.folder.display())))?;
                Ok(Mailer::Folder(
                    AsyncFileTransport::new(&cfg.folder),
                    from,
                    cfg.folder.clone(),
                ))
            }
        }
    }

    /// The folder mails are written to, when there is no SMTP server.
    pub fn folder(&self) -> Option<String> {
        match self {
            Mailer::Folder(_, _, dir) => Some(dir.display().to_string()),
            Mailer::Smtp(..) => None,
        }
    }

    /// Sends one mail per link that has an e-mail address.
    pub async fn send_invitations(&self, links: &[IssuedLink], about: &Invitation<'_>) -> Result<MailReport> {
        let mut report = MailReport {
            folder: self.folder(),
            ..Default::default()
        };
        for l in links {
            let Some(email) = l.email.as_deref() else {
                report.without_email += 1;
                continue;
            };
            self.send_one(&l.person_name, email, &l.token, about).await?;
            report.sent += 1;
        }
        Ok(report)
    }

    /// Sends one person their link to the round.
    pub async fn send_one(&self, name: &str, email: &str, token: &str, about: &Invitation<'_>) -> Result<()> {
        let link = format!("{}/r/{}", about.base_url, token);
        let (subject, body) = texts(about, &link);
        self.send_text(name, email, &subject, &body).await
    }

    /// Sends a plain-text mail (account mails, whose texts the web layer translates).
    pub async fn send_text(&self, name: &str, email: &str, subject: &str, body: &str) -> Result<()> {
        self.send_with_id(None, (name, email), None, subject, body).await
    }

    /// Sends a notification mail to `(name, address)` whose `Message-ID` is made from `id`, so a
    /// mail sent again after a crash is known for the same message; answers go to `reply_to`
    /// when given.
    pub async fn send_notice(
        &self,
        id: uuid::Uuid,
        to: (&str, &str),
        reply_to: Option<&str>,
        subject: &str,
        body: &str,
    ) -> Result<()> {
        self.send_with_id(Some(id), to, reply_to, subject, body).await
    }

    async fn send_with_id(
        &self,
        id: Option<uuid::Uuid>,
        (name, email): (&str, &str),
        reply_to: Option<&str>,
        subject: &str,
        body: &str,
    ) -> Result<()> {
        let to = email
            .parse::<lettre::Address>()
            .map_err(|e| AppError::Internal(format!("a stored address does not parse: {e}")))?;
        let from = match self {
            Mailer::Smtp(_, f) | Mailer::Folder(_, f, _) => f.clone(),
        };
        let message_id = id.map(|id| format!("<{id}@{}>", from.email.domain()));
        let mut msg = Message::builder();
        if message_id.is_some() {
            msg = msg.message_id(message_id);
        }
        if let Some(r) = reply_to.and_then(|r| r.parse::<Mailbox>().ok()) {
            msg = msg.reply_to(r);
        }
        let msg = msg
            .from(from)
            .to(Mailbox::new(Some(name.to_owned()), to))
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_owned())
            .map_err(|e| AppError::Internal(format!("building a mail: {e}")))?;
        match self {
            Mailer::Smtp(t, _) => t.send(msg).await.map(|_| ()).map_err(|e| e.to_string()),
            Mailer::Folder(t, _, _) => t.send(msg).await.map(|_| ()).map_err(|e| e.to_string()),
        }
        .map_err(|e| AppError::Internal(format!("sending a mail failed: {e}")))
    }
}
