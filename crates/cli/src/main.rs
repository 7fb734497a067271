//! The `mognad` command: serve the web application, and the operator's tasks around it
//! (migrations, demo data, users, backups, moving organisations between instances).

mod accounts;
mod config;
mod serve;

// glibc's allocator kept a 100,000-person import's peak (about 130 MiB) for good; jemalloc's
// background thread returns it within seconds.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use accounts::{demo, user_add};
use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use config::{Config, Overrides};
use mognad_app::{App, AppError};
use mognad_domain::org::{AnonymityThreshold, Language, OrgSettings};
use mognad_domain::text::Name;
use mognad_store::Db;
use serve::serve;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "mognad",
    version,
    about = "Digital maturity, competence and transformation planning"
)]
struct Cli {
    /// Configuration file (default: ./mognad.toml if it exists).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// Database: postgres://… or a SQLite file path. Default: <data-dir>/mognad.db.
    #[arg(long, global = true)]
    database_url: Option<String>,
    /// Directory for the embedded database.
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server.
    Serve {
        /// Address to listen on, e.g. 127.0.0.1:8080 (port 0 picks a free one).
        #[arg(long)]
        listen: Option<SocketAddr>,
        /// Use a separate demo database (data/demo.db), fill it with the demo municipality if
        /// empty, and print a sign-in for it.
        #[arg(long)]
        demo: bool,
    },
    /// Bring the database schema up to date.
    Migrate,
    /// Add the demo municipality (Norrvik kommun) to the database.
    Demo,
    /// Manage user accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Create an organisation, optionally owned by an existing user.
    Org {
        #[command(subcommand)]
        command: OrgCommand,
    },
    /// Write a consistent copy of the live SQLite database to PATH.
    Backup { path: PathBuf },
    /// Write an organisation (name or id) as versioned JSON to PATH (or stdout with -).
    Export { org: String, path: PathBuf },
    /// Read an organisation from an export file and add it to this database.
    Import { path: PathBuf },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a user (or give an existing one a role) in an organisation, or make them the
    /// instance administrator, who creates organisations in the browser.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: Option<String>,
        /// Organisation name or id.
        #[arg(long, required_unless_present = "instance_admin")]
        org: Option<String>,
        /// Make the account an instance administrator.
        #[arg(long)]
        instance_admin: bool,
        /// owner, admin, analyst or member.
        #[arg(long, default_value = "member")]
        role: String,
        /// The password; if omitted, one is generated and printed.
        #[arg(long, env = "MOGNAD_NEW_PASSWORD")]
        password: Option<String>,
    },
}

#[derive(Subcommand)]
enum OrgCommand {
    /// Create an organisation.
    Add {
        name: String,
        #[arg(long, default_value = "sv")]
        language: String,
    },
}

#[tokio::main]
async fn main() -> Result<()> {
    let cli = Cli::parse();
    let listen = match &cli.command {
        Command::Serve { listen, .. } => *listen,
        _ => None,
    };
    let overrides = Overrides {
        database_url: cli.database_url.clone(),
        data_dir: cli.data_dir.clone(),
        listen,
    };
    let config = Config::load(cli.config.as_deref(), &overrides).context("reading the configuration")?;
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_new(&config.log).unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match cli.command {
        Command::Serve { demo, .. } => serve(&config, demo).await,
        Command::Migrate => {
            open(&config.database("mognad.db")).await?;
            println!("The database is up to date.");
            Ok(())
        }
        Command::Demo => {
            let app = App::new(open(&config.database("mognad.db")).await?);
            demo(&app).await.map(|_| ())
        }
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    name,
                    org,
                    role,
                    password,
                    instance_admin,
                },
        } => {
            let app = App::new(open(&config.database("mognad.db")).await?);
            let new = accounts::NewUser {
                email: &email,
                name: name.as_deref(),
                org: org.as_deref(),
                role: &role,
                instance_admin,
            };
            user_add(&app, new, password).await
        }
        Command::Org {
            command: OrgCommand::Add { name, language },
        } => {
            let app = App::new(open(&config.database("mognad.db")).await?);
            let settings = OrgSettings {
                name: Name::parse("name", &name)?,
                language: Language::parse(&language)?,
                anonymity_threshold: AnonymityThreshold::DEFAULT,
            };
            let org = app.org().create_org(settings, None).await.map_err(explain)?;
            println!(
                "Created {name} ({}). Add its first owner with:\n  mognad user add --org {} --role owner --email you@example.org",
                org.id, org.id
            );
            Ok(())
        }
        Command::Backup { path } => {
            let db = open(&config.database("mognad.db")).await?;
            db.backup_sqlite(&path).await?;
            println!("Wrote a consistent copy to {}", path.display());
            Ok(())
        }
        Command::Export { org, path } => {
            let app = App::new(open(&config.database("mognad.db")).await?);
            let org = app.org().find_org(&org).await.map_err(explain)?;
            let doc = app.platform().export_org(org.id).await.map_err(explain)?;
            let json = serde_json::to_string_pretty(&doc)?;
            if path.as_os_str() == "-" {
                println!("{json}");
            } else {
                std::fs::write(&path, json).with_context(|| format!("writing {}", path.display()))?;
                eprintln!("Exported {} to {}", doc.organisation.name, path.display());
            }
            Ok(())
        }
        Command::Import { path } => {
            let app = App::new(open(&config.database("mognad.db")).await?);
            let text =
                std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
            let doc: mognad_app::platform::transfer::OrgExport =
                serde_json::from_str(&text).context("the file is not a Mognad export")?;
            let id = app.platform().import_org(&doc).await.map_err(explain)?;
            println!("Imported {} ({id})", doc.organisation.name);
            Ok(())
        }
    }
}

/// Opens and migrates the database.
async fn open(url: &str) -> Result<Db> {
    let db = Db::connect(url)
        .await
        .with_context(|| format!("opening the database {}", redact(url)))?;
    db.migrate().await.context("migrating the database")?;
    Ok(db)
}

/// Hides a password in a database URL before it is printed.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => match url[s + 3..at].split_once(':') {
            Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
            None => url.to_owned(),
        },
        _ => url.to_owned(),
    }
}

/// Turns a use-case error into a readable message.
fn explain(e: AppError) -> anyhow::Error {
    match e {
        AppError::Invalid(list) => anyhow::anyhow!(
            "invalid input: {}",
            list.iter()
                .map(|i| format!(
                    "{}{}",
                    i.field.as_deref().map(|f| format!("{f}: ")).unwrap_or_default(),
                    i.message
                ))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        AppError::NotFound => anyhow::anyhow!("not found"),
        other => anyhow::anyhow!("{other}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_in_urls_are_hidden() {
        assert_eq!(super::redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(super::redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(super::redact("sqlite:data/mognad.db"), "sqlite:data/mognad.db");
    }
}
