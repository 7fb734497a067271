//! Writing notifications beside the change they tell of, in the same transaction (so a card
//! assigned is a member told, or neither): a card given to someone, someone mentioned in a
//! comment, and each morning's digest of cards due tomorrow or overdue.
//!
//! A notification goes to the members who *are* the person concerned (their account has the
//! person's e-mail address), never to the one who made the change, and is mailed when the member
//! wants that kind mailed. Its texts are made when read or sent, in the reader's language, from
//! the few facts kept in `params`.

use crate::Result;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use mognad_domain::ids::OrgId;
use mognad_domain::plan::mention::{Mentionable, mentioned};
use mognad_store::Tx;
use mognad_store::boards::Task;
use mognad_store::notifications::{self as store, NewNotification};
use serde_json::json;
use uuid::Uuid;

/// Who made a change: nobody is told of their own.
#[derive(Debug, Clone)]
pub(crate) struct By {
    pub user: Uuid,
    pub name: String,
}

impl By {
    pub(crate) fn of(actor: &crate::Actor) -> By {
        By {
            user: actor.user.id.0,
            name: actor.user.display_name.to_string(),
        }
    }
}

/// The UTC hour from which the day's digests are made (07:00 or 08:00 in Sweden).
pub const DIGEST_HOUR: u32 = 6;
/// The most cards one digest names; the rest are counted.
pub const DIGEST_CARDS: i64 = 20;

/// Writes one notification to `(user, mailed)`.
async fn write(
    tx: &mut Tx,
    org: OrgId,
    (user, mail): (Uuid, bool),
    kind: &str,
    task: Option<Uuid>,
    params: &serde_json::Value,
    once_key: Option<&str>,
) -> Result<bool> {
    let params = params.to_string();
    Ok(store::insert(
        tx,
        &NewNotification {
            org,
            user: Some(user),
            to: None,
            kind,
            once_key,
            task,
            params: &params,
            mail,
            now: Utc::now(),
        },
    )
    .await?)
}

/// Tells the person a card now belongs to.
pub(crate) async fn assigned(tx: &mut Tx, org: OrgId, by: &By, task: &Task) -> Result<()> {
    let Some(person) = task.assignee_id else {
        return Ok(());
    };
    let params = json!({ "card": task.title, "by": by.name });
    for r in store::members_of(tx, org, person).await? {
        if r.user != by.user {
            write(
                tx,
                org,
                (r.user, r.assigned),
                "assigned",
                Some(task.id),
                &params,
                None,
            )
            .await?;
        }
    }
    Ok(())
}

/// Tells each active member a comment mentions.
pub(crate) async fn mentions(tx: &mut Tx, org: OrgId, by: &By, task: &Task, body: &str) -> Result<()> {
    if !body.contains('@') {
        return Ok(());
    }
    let members = mognad_store::members::list(tx, org).await?;
    let active: Vec<_> = members.iter().filter(|m| m.active).collect();
    // By the account's name, and by the directory person's name the lists show.
    let mut handles: Vec<Mentionable> = Vec::new();
    for m in &active {
        handles.push(Mentionable {
            id: m.user.0,
            name: &m.display_name,
            email: &m.email,
        });
        if let Some((_, person)) = &m.person {
            handles.push(Mentionable {
                id: m.user.0,
                name: person,
                email: &m.email,
            });
        }
    }
    let excerpt: String = body.chars().take(300).collect();
    let params = json!({ "card": task.title, "by": by.name, "excerpt": excerpt });
    for user in mentioned(body, &handles) {
        if user == by.user {
            continue;
        }
        let (_, wants, _) = store::settings(tx, org, user).await?;
        write(tx, org, (user, wants), "mentioned", Some(task.id), &params, None).await?;
    }
    Ok(())
}

/// The day whose digests are due at `now`, once the morning hour has come.
pub fn digest_day(now: DateTime<Utc>) -> Option<NaiveDate> {
    use chrono::Timelike;
    (now.hour() >= DIGEST_HOUR).then(|| now.date_naive())
}

/// Makes `day`'s digest in `org` for every active member with cards due tomorrow or overdue
/// (mailed to those who want it); each member's at most once a day, however often or by however
/// many servers this runs. Returns how many were made.
pub(crate) async fn digests(tx: &mut Tx, org: OrgId, day: NaiveDate) -> Result<usize> {
    let tomorrow = day + Duration::days(1);
    let mut made = 0;
    for m in mognad_store::members::list(tx, org).await? {
        let Some((person, _)) = m.person.filter(|_| m.active) else {
            continue;
        };
        let (overdue, today, next) = store::digest_counts(tx, org, person, day).await?;
        if overdue + today + next == 0 {
            continue;
        }
        let (_, _, wants) = store::settings(tx, org, m.user.0).await?;
        let cards = store::digest_cards(tx, org, person, tomorrow, DIGEST_CARDS).await?;
        let listed: Vec<_> = cards
            .iter()
            .map(|c| json!({ "id": c.id, "title": c.title, "due": c.due_on }))
            .collect();
        let params = json!({
            "day": day, "overdue": overdue, "today": today, "tomorrow": next, "cards": listed,
        });
        let key = format!("digest:{}:{}:{day}", org.0, m.user.0);
        if write(tx, org, (m.user.0, wants), "digest", None, &params, Some(&key)).await? {
            made += 1;
        }
    }
    Ok(made)
}

/// Tells the members who are `person` about a review (`params.what`: started, reminder or
/// peer), always by mail too: a review has a deadline. With `once`, each member is told at
/// most once under that key (a day's reminder). Returns how many were told.
pub(crate) async fn review(
    tx: &mut Tx,
    org: OrgId,
    person: Uuid,
    params: &serde_json::Value,
    once: Option<&str>,
) -> Result<usize> {
    let mut told = 0;
    for r in store::members_of(tx, org, person).await? {
        let key = once.map(|k| format!("{k}:{}", r.user));
        if write(tx, org, (r.user, true), "review", None, params, key.as_deref()).await? {
            told += 1;
        }
    }
    Ok(told)
}
