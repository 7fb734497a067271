//! `mognad serve`: open the database, start the queues and the mailer, and serve the web
//! application until SIGTERM or Ctrl-C, finishing the requests in flight.

use crate::accounts::{demo, generate_password};
use crate::config::Config;
use crate::{explain, open};
use anyhow::{Context, Result};
use mognad_app::App;
use mognad_domain::org::Language;
use mognad_domain::role::Role;
use std::time::Duration;

pub(crate) async fn serve(config: &Config, demo_mode: bool) -> Result<()> {
    let url = if demo_mode {
        config.database("demo.db")
    } else {
        config.database("mognad.db")
    };
    let db = open(&url).await?;
    let app = App::new(db.clone());
    let mut sign_in = None;
    if demo_mode {
        let org = match app.org().find_org(mognad_app::demo::ORG_NAME).await {
            Ok(o) => o.id,
            Err(_) => demo(&app).await?,
        };
        // A fresh password on every start: the demo never ships a known credential.
        let password = generate_password();
        let email = mognad_app::demo::OWNER_EMAIL;
        match app.platform().user_by_email(email).await.map_err(explain)? {
            Some(u) => {
                app.platform()
                    .reset_password(u.id, &password)
                    .await
                    .map_err(explain)?;
                app.platform()
                    .grant_role(u.id, org, Role::Owner)
                    .await
                    .map_err(explain)?;
            }
            None => {
                let u = app
                    .platform()
                    .create_user(email, "Demo", &password, Language::Sv)
                    .await
                    .map_err(explain)?;
                app.platform()
                    .grant_role(u.id, org, Role::Owner)
                    .await
                    .map_err(explain)?;
            }
        }
        // The demo's owner also runs the instance, so every page can be tried.
        if let Some(u) = app.platform().user_by_email(email).await.map_err(explain)? {
            app.platform().make_instance_admin(u.id).await.map_err(explain)?;
        }
        sign_in = Some((email, password));
    }
    // Without an instance administrator nobody could create an organisation in the browser:
    // a one-time link makes the first one.
    let setup = app.platform().setup_link().await.map_err(explain)?;
    let empty = !has_any_org(&app).await;
    let mailer = mognad_app::platform::mail::Mailer::new(&mognad_app::platform::mail::MailConfig {
        smtp_host: config.smtp_host.clone(),
        smtp_port: config.smtp_port,
        smtp_tls: config.smtp_tls,
        smtp_ca_file: config.smtp_ca_file.clone(),
        smtp_user: config.smtp_user.clone(),
        smtp_password: config.smtp_password.clone(),
        from: config.mail_from.clone(),
        folder: config.data_dir.join("mail"),
    })
    .map_err(explain)?;
    housekeeping_job(app.clone());
    let state = mognad_web::AppState::new(
        app,
        mognad_web::WebConfig {
            secure_cookies: config.secure_cookies,
            public_url: config.public_url.clone(),
            metrics_token: config.metrics_token.clone(),
            body_timeout: Duration::from_secs(config.body_timeout.max(1)),
            trusted_proxies: config
                .trusted_proxies
                .iter()
                .map(|p| mognad_web::client_addr::Network::parse(p))
                .collect::<Result<_, _>>()
                .map_err(|e| anyhow::anyhow!("trusted_proxies: {e}"))?,
        },
    )
    .with_mailer(mailer);
    let router = mognad_web::router(state.clone());
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("listening on {}", config.listen))?;
    let addr = listener.local_addr()?;
    mognad_web::platform::outbox::start(
        state,
        mognad_web::platform::outbox::OutboxConfig {
            base: config
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{addr}"))
                .trim_end_matches('/')
                .to_owned(),
            lease: Duration::from_secs(config.mail_lease_seconds.max(1)),
            every: Duration::from_secs(1),
        },
    );
    if let Some((email, password)) = sign_in {
        println!(
            "Sign in as {email} with password {password} (owner of the demo and instance administrator)"
        );
    }
    if let Some(token) = setup {
        let base = config
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{addr}"));
        println!(
            "No instance administrator yet. Create one within {} hours at {}/setup/{token}",
            mognad_app::platform::instance::SETUP_HOURS,
            base.trim_end_matches('/')
        );
        if empty {
            println!("(or on the server: mognad user add --instance-admin --email you@example.org)");
        }
    }
    // Last, so whoever waits for this line (scripts, tests) has read everything before it.
    println!("Mognad is running at http://{addr}/");
    mognad_web::server::serve(
        listener,
        router,
        mognad_web::server::Limits {
            header_read: Duration::from_secs(config.header_timeout.max(1)),
            connections: config.max_connections.max(1),
            drain: Duration::from_secs(config.drain_timeout),
        },
        mognad_web::server::shutdown_signal(),
    )
    .await?;
    // Every request has been answered, so every acknowledged write is committed.
    db.close().await;
    Ok(())
}

pub(crate) async fn has_any_org(app: &App) -> bool {
    match app.db.read().await {
        Ok(mut tx) => mognad_store::orgs::list(&mut tx)
            .await
            .map(|l| !l.is_empty())
            .unwrap_or(true),
        Err(_) => true,
    }
}

/// Now and then every hour, for as long as the server runs: applies the organisations'
/// retention periods and sends the review reminders due today. Both are idempotent (a
/// reminder's key holds its day), so several servers on one database may each run them.
fn housekeeping_job(app: App) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every.tick().await;
            let now = chrono::Utc::now();
            match app.platform().apply_retention(now).await {
                Ok(a) if a.links + a.drafts + a.contacts > 0 => tracing::info!(
                    links = a.links,
                    drafts = a.drafts,
                    contacts = a.contacts,
                    "retention applied"
                ),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "applying retention failed; next try in an hour"),
            }
            match app.competence().remind_due_reviews(now).await {
                Ok(0) => {}
                Ok(told) => tracing::info!(told, "review reminders sent"),
                Err(e) => tracing::warn!(error = %e, "review reminders failed; next try in an hour"),
            }
        }
    });
}
