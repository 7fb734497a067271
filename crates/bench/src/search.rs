//! Searching 100,000 cards in process: seeds an organisation whose cards carry titles and
//! descriptions drawn from a vocabulary of IT words (so a word is rare, common or in between,
//! as on a real board), then times the search use case for a rare word, a common word, two
//! words, a word with a filter and a filter alone. Prints the median and 95th percentile.

use crate::timing::summary;
use anyhow::Result;
use chrono::Utc;
use mognad_app::App;
use mognad_domain::ids::OrgId;
use mognad_domain::plan::rank;
use mognad_store::boards::{self as store, Filter, Task};
use std::time::Instant;
use uuid::Uuid;

/// Words cards are made of; the first ones are drawn most often (a skewed draw, as in text).
const WORDS: &[&str] = &[
    "byt",
    "server",
    "uppdatera",
    "system",
    "nätverk",
    "brandvägg",
    "licens",
    "avtal",
    "e-tjänst",
    "skola",
    "ekonomi",
    "integration",
    "behörighet",
    "backup",
    "molnet",
    "policy",
    "utbildning",
    "skrivare",
    "telefoni",
    "wifi",
    "lagring",
    "arkiv",
    "diarium",
    "upphandling",
    "leverantör",
    "säkerhet",
    "incident",
    "migrering",
    "plattform",
    "portal",
    "inloggning",
    "certifikat",
    "databas",
    "rapport",
    "statistik",
    "bygglov",
    "socialtjänst",
    "hemtjänst",
    "bibliotek",
    "växel",
    "dator",
    "surfplatta",
    "konto",
    "lösenord",
    "kryptering",
    "granskning",
    "risk",
    "kontinuitet",
    "test",
    "driftstopp",
    "övervakning",
    "logg",
    "larm",
    "schema",
    "kapacitet",
];

/// A deterministic draw (xorshift), so every run seeds the same cards.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// A word, the early ones far more often than the late ones.
    fn word(&mut self) -> &'static str {
        let a = (self.next() % WORDS.len() as u64) as usize;
        let b = (self.next() % WORDS.len() as u64) as usize;
        WORDS[a.min(b)]
    }
    fn words(&mut self, n: usize) -> String {
        (0..n).map(|_| self.word()).collect::<Vec<_>>().join(" ")
    }
}

/// An organisation with `cards` cards on one board, then the timings.
pub async fn run(url: &str, cards: usize, runs: usize) -> Result<()> {
    let (app, actor, org, view) = crate::board::org_with_board(url, "Search").await?;
    let started = Instant::now();
    seed(&app, org, view.id.0, view.columns[0].id.0, cards).await?;
    println!("seeded {cards} cards in {:.1} s", started.elapsed().as_secs_f64());
    // The planner's statistics, as a server's autovacuum would have gathered them by the time
    // anyone searches; without them PostgreSQL reads every match before the first page.
    mognad_store::on_db!(&app.db, |p| sqlx::query("ANALYZE").execute(p).await.map(|_| ()))?;
    let urgent = Filter {
        priority: Some("urgent".into()),
        ..Default::default()
    };
    for (label, q, f) in [
        ("a rare word (bygglov)", "bygglov", Filter::default()),
        ("a common word (server)", "server", Filter::default()),
        ("a word's beginning (brand)", "brand", Filter::default()),
        ("two words (byt server)", "byt server", Filter::default()),
        ("a word and a priority (licens, urgent)", "licens", urgent.clone()),
        ("a priority alone (urgent)", "", urgent),
    ] {
        let mut micros = Vec::with_capacity(runs);
        let mut hits = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let r = app.plan().search(&actor, q, &f).await?;
            micros.push(t.elapsed().as_micros());
            hits = r.hits.len();
        }
        summary(&format!("search {label}, {hits} shown"), micros);
    }
    Ok(())
}

async fn seed(app: &App, org: OrgId, board: Uuid, column: Uuid, cards: usize) -> Result<()> {
    let mut draw = Draw(0x9e37_79b9_7f4a_7c15);
    let now = Utc::now();
    let priorities = ["low", "normal", "normal", "high", "urgent"];
    // In batches, so neither backend holds one huge transaction.
    for chunk in rank::spread(cards).chunks(10_000) {
        let mut tx = app.db.write().await?;
        for r in chunk {
            let title_words = 2 + (draw.next() % 4) as usize;
            let t = Task {
                id: Uuid::now_v7(),
                board_id: board,
                column_id: column,
                rank: r.clone(),
                title: draw.words(title_words),
                description: draw.words(12),
                assignee_id: None,
                priority: priorities[(draw.next() % 5) as usize].into(),
                due_on: None,
                labels: String::new(),
                initiative_id: None,
                estimate_hours: None,
                created_at: now,
                done_at: None,
                archived: false,
            };
            store::insert_task(&mut tx, org, &t, now).await?;
        }
        tx.commit().await?;
    }
    Ok(())
}
