//! The operator's commands that make people able to sign in: the demo organisation with its
//! owner, and `mognad user add`.

use crate::explain;
use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use mognad_app::App;
use mognad_domain::role::Role;

pub(crate) async fn demo(app: &App) -> Result<mognad_domain::ids::OrgId> {
    let bar = ProgressBar::new(400);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_message("Creating the demo municipality");
    let progress = |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    };
    let summary = app.create_demo(&progress).await.map_err(explain)?;
    bar.finish_and_clear();
    println!(
        "Created {}: {} units, {} people, {} leadership groups, {} teams, {} relationships, {} answers in two measurement rounds.",
        mognad_app::demo::ORG_NAME,
        summary.units,
        summary.people,
        summary.groups,
        summary.teams,
        summary.relationships,
        summary.answers
    );
    Ok(summary.org)
}

/// Who `mognad user add` makes or changes.
pub(crate) struct NewUser<'a> {
    pub email: &'a str,
    pub name: Option<&'a str>,
    pub org: Option<&'a str>,
    pub role: &'a str,
    pub instance_admin: bool,
}

pub(crate) async fn user_add(app: &App, new: NewUser<'_>, password: Option<String>) -> Result<()> {
    let email = new.email;
    let role = Role::parse(new.role)?;
    let org = match new.org {
        Some(o) => Some(
            app.org()
                .find_org(o)
                .await
                .map_err(|_| anyhow::anyhow!("no organisation named or with id '{o}'"))?,
        ),
        None => None,
    };
    let user = match app.platform().user_by_email(email).await.map_err(explain)? {
        Some(u) => {
            if let Some(p) = password {
                app.platform().reset_password(u.id, &p).await.map_err(explain)?;
            }
            u
        }
        None => {
            let generated = password.is_none();
            let password = password.unwrap_or_else(generate_password);
            let display = new
                .name
                .unwrap_or_else(|| email.split('@').next().unwrap_or(email));
            let language = org
                .as_ref()
                .map_or(mognad_domain::org::Language::Sv, |o| o.settings.language);
            let u = app
                .platform()
                .create_user(email, display, &password, language)
                .await
                .map_err(explain)?;
            if generated {
                println!("Password for {email}: {password}");
            }
            u
        }
    };
    if new.instance_admin {
        app.platform()
            .make_instance_admin(user.id)
            .await
            .map_err(explain)?;
        println!("{email} is an instance administrator: organisations are created at /admin.");
    }
    if let Some(org) = org {
        app.platform()
            .grant_role(user.id, org.id, role)
            .await
            .map_err(explain)?;
        println!("{email} is {role} in {}.", org.settings.name);
    }
    Ok(())
}

pub(crate) fn generate_password() -> String {
    mognad_app::platform::accounts::random_token()[..20].to_owned()
}
