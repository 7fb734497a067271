-- Time logged on cards: who worked, which day, how long. A person's entries go with the person
-- (erasure deletes them); a card's with the card.
CREATE TABLE time_entries (
    id UUID PRIMARY KEY NOT NULL,
    org_id UUID NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    task_id UUID NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    person_id UUID NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    worked_on DATE NOT NULL,
    -- Whole minutes, at most a day.
    minutes BIGINT NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
    note TEXT NOT NULL,
    -- The account that logged it, which may take it back (administrators may too).
    logged_by UUID REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX time_entries_task ON time_entries(task_id, worked_on);
CREATE INDEX time_entries_person ON time_entries(org_id, person_id, worked_on);
