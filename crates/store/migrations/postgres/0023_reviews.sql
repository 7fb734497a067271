-- Review cycles (PostgreSQL). Keep in step with ../sqlite/0023_reviews.sql.
-- An administrator starts a review for a unit (with its sub-units) or a team with a deadline;
-- the people in it then are its participants. Each does a self-assessment, their manager
-- assesses and signs off, and the person or manager asks named colleagues for peer feedback.
CREATE TABLE review_cycles (
    id UUID PRIMARY KEY NOT NULL,
    org_id UUID NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    unit_id UUID REFERENCES units(id) ON DELETE SET NULL,
    team_id UUID REFERENCES teams(id) ON DELETE SET NULL,
    -- What the cycle was started for, kept when the unit or team is removed later.
    scope_name TEXT NOT NULL,
    deadline DATE NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    closed_at TIMESTAMPTZ
);
CREATE INDEX review_cycles_org ON review_cycles(org_id, created_at);

CREATE TABLE review_participants (
    cycle_id UUID NOT NULL REFERENCES review_cycles(id) ON DELETE CASCADE,
    person_id UUID NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    org_id UUID NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    self_done_at TIMESTAMPTZ,
    manager_done_at TIMESTAMPTZ,
    signed_off_at TIMESTAMPTZ,
    signed_off_by UUID REFERENCES people(id) ON DELETE SET NULL,
    PRIMARY KEY (cycle_id, person_id)
);

-- A colleague asked for peer feedback on a participant; only they may then give it.
CREATE TABLE peer_requests (
    id UUID PRIMARY KEY NOT NULL,
    org_id UUID NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    cycle_id UUID NOT NULL REFERENCES review_cycles(id) ON DELETE CASCADE,
    person_id UUID NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    peer_id UUID NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    answered_at TIMESTAMPTZ,
    UNIQUE (cycle_id, person_id, peer_id)
);
CREATE INDEX peer_requests_peer ON peer_requests(org_id, peer_id);

-- Notifications gain the kind 'review' (started, reminder, peer request).
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('assigned', 'mentioned', 'digest', 'follow-up', 'review'));
