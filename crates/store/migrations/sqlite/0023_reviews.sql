-- Review cycles (SQLite). Keep in step with ../postgres/0023_reviews.sql.
-- An administrator starts a review for a unit (with its sub-units) or a team with a deadline;
-- the people in it then are its participants. Each does a self-assessment, their manager
-- assesses and signs off, and the person or manager asks named colleagues for peer feedback.
CREATE TABLE review_cycles (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    unit_id BLOB REFERENCES units(id) ON DELETE SET NULL,
    team_id BLOB REFERENCES teams(id) ON DELETE SET NULL,
    -- What the cycle was started for, kept when the unit or team is removed later.
    scope_name TEXT NOT NULL,
    deadline TEXT NOT NULL,
    created_at TEXT NOT NULL,
    closed_at TEXT
);
CREATE INDEX review_cycles_org ON review_cycles(org_id, created_at);

CREATE TABLE review_participants (
    cycle_id BLOB NOT NULL REFERENCES review_cycles(id) ON DELETE CASCADE,
    person_id BLOB NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    self_done_at TEXT,
    manager_done_at TEXT,
    signed_off_at TEXT,
    signed_off_by BLOB REFERENCES people(id) ON DELETE SET NULL,
    PRIMARY KEY (cycle_id, person_id)
);

-- A colleague asked for peer feedback on a participant; only they may then give it.
CREATE TABLE peer_requests (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    cycle_id BLOB NOT NULL REFERENCES review_cycles(id) ON DELETE CASCADE,
    person_id BLOB NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    peer_id BLOB NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    answered_at TEXT,
    UNIQUE (cycle_id, person_id, peer_id)
);
CREATE INDEX peer_requests_peer ON peer_requests(org_id, peer_id);

-- Notifications gain the kind 'review' (started, reminder, peer request). SQLite cannot
-- change a CHECK in place, so the table is copied; nothing refers to it.
CREATE TABLE notifications_new (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    user_id BLOB REFERENCES users(id) ON DELETE CASCADE,
    to_email TEXT,
    to_name TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('assigned', 'mentioned', 'digest', 'follow-up', 'review')),
    once_key TEXT UNIQUE,
    task_id BLOB REFERENCES tasks(id) ON DELETE SET NULL,
    params TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT,
    mail TEXT NOT NULL CHECK (mail IN ('none', 'pending', 'sent', 'failed')),
    lease_until TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    sent_at TEXT
);
INSERT INTO notifications_new (id, org_id, user_id, to_email, to_name, kind, once_key, task_id, params,
    created_at, read_at, mail, lease_until, attempts, last_error, sent_at)
SELECT id, org_id, user_id, to_email, to_name, kind, once_key, task_id, params,
    created_at, read_at, mail, lease_until, attempts, last_error, sent_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_reader ON notifications(org_id, user_id, id);
CREATE INDEX notifications_outbox ON notifications(mail, lease_until);
