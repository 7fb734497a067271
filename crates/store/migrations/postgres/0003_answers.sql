-- Invitations, anonymous answers, their running counts, and targets (PostgreSQL).
-- Keep in step with ../sqlite/0003_answers.sql.
--
-- Privacy by construction: `responses` and `response_comments` hold round and group only. Their
-- keys are random, not time-ordered, and no column records when an answer came, so nothing links
-- an answer to the invitation (and person) that was used to give it.

CREATE TABLE invitations (
    id UUID PRIMARY KEY NOT NULL,
    round_id UUID NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    group_id UUID NOT NULL REFERENCES leadership_groups(id),
    -- NULL for a respondent who came in through the group's shared link.
    person_id UUID REFERENCES people(id) ON DELETE SET NULL,
    -- SHA-256 of the link's token; the token itself is only ever in the link.
    token_hash TEXT NOT NULL UNIQUE,
    used BOOLEAN NOT NULL DEFAULT FALSE,
    mails_sent BIGINT NOT NULL DEFAULT 0,
    -- Answers so far, encrypted with a key derived from the token, so only the link holder can read them.
    draft BYTEA,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX invitations_person ON invitations(round_id, person_id);
CREATE INDEX invitations_round_group ON invitations(round_id, group_id);

CREATE TABLE shared_links (
    round_id UUID NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    group_id UUID NOT NULL REFERENCES leadership_groups(id),
    slug TEXT NOT NULL UNIQUE,
    access_code TEXT NOT NULL,
    PRIMARY KEY (round_id, group_id)
);

-- Keyed by round and a random id (clustered in SQLite, which then keeps no insertion-ordered
-- rowid): a round's answers read back in an order that says nothing about when they came.
CREATE TABLE responses (
    round_id UUID NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    id UUID NOT NULL,
    group_id UUID NOT NULL REFERENCES leadership_groups(id),
    -- One digit per item in model order, then one importance digit per engine.
    answers TEXT NOT NULL,
    PRIMARY KEY (round_id, id)
);

CREATE TABLE response_comments (
    round_id UUID NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    group_id UUID NOT NULL REFERENCES leadership_groups(id),
    id UUID NOT NULL,
    engine_key TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (round_id, group_id, id)
);

-- The running tally of a group's answers in a round: respondents, answers per item and value,
-- and sums of engine scores (JSON, see mognad_domain::tally). Kept in the transaction that
-- stores the answers, so reports never scan `responses`; one row per group keeps that cheap.
CREATE TABLE group_tallies (
    round_id UUID NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    group_id UUID NOT NULL REFERENCES leadership_groups(id),
    n BIGINT NOT NULL,
    tally TEXT NOT NULL,
    PRIMARY KEY (round_id, group_id)
);

-- Target level (0–100) per engine, for the whole organisation (scope_id = org id) or a group.
CREATE TABLE targets (
    org_id UUID NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    model_key TEXT NOT NULL,
    scope_id UUID NOT NULL,
    engine_key TEXT NOT NULL,
    target BIGINT NOT NULL CHECK (target BETWEEN 0 AND 100),
    PRIMARY KEY (org_id, model_key, scope_id, engine_key)
);
