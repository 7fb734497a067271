//! Brakes on guessing (passwords, receipt codes), counted in the database's throttle table so
//! every server process applies the same brake and a restart does not lift it.
//!
//! An attempt is counted against every brake before it is made, so parallel guesses cannot all
//! pass under a limit; an attempt that turns out not to be a miss is taken back. A brake that is
//! on refuses without writing, so hammering does not push the count further (nor queue writes).

use crate::{AppError, Result};
use chrono::Utc;
use mognad_store::{Db, Tx, throttle};

/// A brake: its bucket in the throttle table and how many misses it allows in the window.
pub(crate) type Brake = (String, i64);

/// Counts one attempt against every brake in `brakes` within the last `window_secs`, or refuses
/// with [`AppError::Throttled`] (counting nothing) when one is on or this attempt would pass it.
pub(crate) async fn count_attempt(db: &Db, brakes: &[Brake], window_secs: i64) -> Result<()> {
    let now = Utc::now().timestamp();
    let since = now - window_secs;
    let mut tx = db.read().await?;
    for (key, limit) in brakes {
        if throttle::failures(&mut tx, key, since).await? >= *limit {
            tx.rollback().await?;
            return Err(AppError::Throttled);
        }
    }
    tx.rollback().await?;
    let mut tx = db.write().await?;
    let mut over = false;
    for (key, limit) in brakes {
        over |= throttle::fail(&mut tx, key, now, since).await? > *limit;
    }
    if over {
        // Lost a race with other attempts: this one is not made, and not counted.
        take_back(&mut tx, brakes).await?;
        tx.commit().await?;
        return Err(AppError::Throttled);
    }
    tx.commit().await?;
    Ok(())
}

/// Takes one counted attempt back from every brake in `brakes`, in the caller's transaction.
pub(crate) async fn take_back(tx: &mut Tx, brakes: &[Brake]) -> Result<()> {
    for (key, _) in brakes {
        throttle::undo(tx, key).await?;
    }
    Ok(())
}
