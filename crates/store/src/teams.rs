//! Teams. Who leads a team and who is in it are dated memberships in `relationships`.

crate::named::named_table!("teams", mognad_domain::people::Team, TeamId);
