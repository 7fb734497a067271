-- Notifications: a member is told when a card is given to them, when someone mentions them in a
-- comment, and (once a day) which of their cards are due tomorrow or overdue. Each is written in
-- the same transaction as the change it tells of (an outbox), listed in the app, and mailed by a
-- background worker that claims a row with a lease, so a restart loses nothing and two servers
-- do not both send it. A mail's Message-ID is the row's id.
CREATE TABLE notifications (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    -- The member told; NULL for a mail to someone without an account (a follow-up).
    user_id BLOB REFERENCES users(id) ON DELETE CASCADE,
    -- Where a mail to someone without an account goes.
    to_email TEXT,
    to_name TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('assigned', 'mentioned', 'digest', 'follow-up')),
    -- Makes a notification once only (a member's digest of a day).
    once_key TEXT UNIQUE,
    task_id BLOB REFERENCES tasks(id) ON DELETE SET NULL,
    -- What the texts need, as JSON (the card's title, who did it, …), rendered in the reader's
    -- language when shown or sent.
    params TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT,
    -- 'none': not to be mailed (the member chose so, or has nowhere to receive it).
    mail TEXT NOT NULL CHECK (mail IN ('none', 'pending', 'sent', 'failed')),
    -- A worker that claimed the mail holds it until then; afterwards another may.
    lease_until TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    sent_at TEXT
);
CREATE INDEX notifications_reader ON notifications(org_id, user_id, id);
CREATE INDEX notifications_outbox ON notifications(mail, lease_until);

-- What each member wants mailed; without a row, everything.
CREATE TABLE notification_settings (
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    assigned BOOLEAN NOT NULL,
    mentioned BOOLEAN NOT NULL,
    digest BOOLEAN NOT NULL,
    PRIMARY KEY (org_id, user_id)
);

-- The days whose digests have all been made (making them is idempotent, so two servers may both
-- try; this only spares the rest of the day's ticks the work).
CREATE TABLE digest_days (
    day TEXT PRIMARY KEY NOT NULL,
    done_at TEXT NOT NULL
);
