//! `mognad-bench`: generates measurement data and drives load, printing the figures recorded in
//! BENCHMARKS.md. `bench/run.sh` runs the whole set against a release build.

mod board;
mod demo_pages;
mod load;
mod plan_pages;
mod search;
mod seed;
mod team;
mod timing;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(about = "Mognad benchmarks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Creates an organisation with an open round holding `responses` answers spread over
    /// `groups` groups, plus `tokens` unused links written to `--out`.
    Seed {
        #[arg(long)]
        db: String,
        #[arg(long, default_value_t = 10_000)]
        responses: usize,
        #[arg(long, default_value_t = 40)]
        groups: usize,
        #[arg(long, default_value_t = 0)]
        tokens: usize,
        #[arg(long, default_value = "tokens.txt")]
        out: String,
    },
    /// Respondents over HTTP: each client loads a link's form and submits every answer.
    Answer {
        #[arg(long)]
        url: String,
        #[arg(long, default_value = "tokens.txt")]
        tokens: String,
        #[arg(long, default_value_t = 64)]
        clients: usize,
    },
    /// Prints the cookie of a fresh analyst session in the organisation, for downloads with curl.
    Session {
        #[arg(long)]
        db: String,
        #[arg(long)]
        org: uuid::Uuid,
        /// An administrator's session instead of an analyst's (for imports).
        #[arg(long)]
        admin: bool,
    },
    /// Times one group's results and the heatmap of all groups, in process.
    Results {
        #[arg(long)]
        db: String,
        /// The organisation `seed` printed.
        #[arg(long)]
        org: uuid::Uuid,
        #[arg(long, default_value_t = 200)]
        runs: usize,
    },
    /// Creates a unit of `people` people assessed on `competences` competences.
    TeamSeed {
        #[arg(long)]
        db: String,
        #[arg(long, default_value_t = 500)]
        people: usize,
        #[arg(long, default_value_t = 60)]
        competences: usize,
    },
    /// Creates an organisation with a board of `cards` cards.
    BoardSeed {
        #[arg(long)]
        db: String,
        #[arg(long, default_value_t = 10_000)]
        cards: usize,
    },
    /// Creates and moves cards over HTTP with `clients` clients, then times the board page.
    Board {
        #[arg(long)]
        db: String,
        #[arg(long)]
        url: String,
        #[arg(long)]
        org: uuid::Uuid,
        #[arg(long)]
        board: uuid::Uuid,
        #[arg(long, default_value_t = 16)]
        clients: usize,
        #[arg(long, default_value_t = 20_000)]
        creates: usize,
        #[arg(long, default_value_t = 20_000)]
        moves: usize,
    },
    /// Seeds `cards` cards in a new organisation and times searching them, in process.
    Search {
        #[arg(long)]
        db: String,
        #[arg(long, default_value_t = 100_000)]
        cards: usize,
        #[arg(long, default_value_t = 50)]
        runs: usize,
    },
    /// Times the unit's competence map in process and, with `--url`, as a page over HTTP.
    /// Makes the demo organisation in the database and prints its id.
    DemoSeed {
        #[arg(long)]
        db: String,
    },
    /// Times the leadership and competence read pages of the demo organisation, in process
    /// and over HTTP.
    DemoPages {
        #[arg(long)]
        db: String,
        #[arg(long)]
        org: uuid::Uuid,
        #[arg(long)]
        url: String,
        #[arg(long, default_value_t = 50)]
        runs: usize,
    },
    /// Times the plan's read pages of the demo organisation, in process and over HTTP.
    PlanPages {
        #[arg(long)]
        db: String,
        #[arg(long)]
        org: uuid::Uuid,
        #[arg(long)]
        url: String,
        #[arg(long, default_value_t = 50)]
        runs: usize,
    },
    Team {
        #[arg(long)]
        db: String,
        #[arg(long)]
        org: uuid::Uuid,
        #[arg(long)]
        unit: uuid::Uuid,
        #[arg(long)]
        url: Option<String>,
        #[arg(long, default_value_t = 100)]
        runs: usize,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Seed {
            db,
            responses,
            groups,
            tokens,
            out,
        } => seed::run(&db, responses, groups, tokens, &out).await,
        Command::Answer { url, tokens, clients } => load::run(&url, &tokens, clients).await,
        Command::Session { db, org, admin } => timing::session(&db, org, admin).await,
        Command::Results { db, org, runs } => timing::run(&db, org, runs).await,
        Command::BoardSeed { db, cards } => board::seed(&db, cards).await,
        Command::Search { db, cards, runs } => search::run(&db, cards, runs).await,
        Command::DemoSeed { db } => plan_pages::seed(&db).await,
        Command::PlanPages { db, org, url, runs } => plan_pages::run(&db, org, &url, runs).await,
        Command::DemoPages { db, org, url, runs } => demo_pages::run(&db, org, &url, runs).await,
        Command::Board {
            db,
            url,
            org,
            board,
            clients,
            creates,
            moves,
        } => board::run(&db, &url, org, board, clients, creates, moves).await,
        Command::TeamSeed {
            db,
            people,
            competences,
        } => team::seed(&db, people, competences).await,
        Command::Team {
            db,
            org,
            unit,
            url,
            runs,
        } => team::run(&db, org, unit, url.as_deref(), runs).await,
    }
}
