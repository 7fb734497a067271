-- What a round is measured on, frozen when it opens, and what it has released (SQLite).
-- Keep in step with ../postgres/0008_round_freeze.sql.
--
-- A round's results are computed from this copy, never from today's directory: moving,
-- renaming or emptying groups and units, or a new anonymity threshold, cannot change what a
-- round shows, so no two pages shown at different times can be subtracted from each other.

-- The threshold the respondents answered under; set when the round opens.
ALTER TABLE rounds ADD COLUMN k INTEGER;
-- 1 once `round_releases` holds everything the closed round shows.
ALTER TABLE rounds ADD COLUMN released INTEGER NOT NULL DEFAULT 0;

-- Each taking part group's name and unit as they were when the round opened.
ALTER TABLE round_groups ADD COLUMN name TEXT;
ALTER TABLE round_groups ADD COLUMN unit_id BLOB;

-- The units above the taking part groups, as they were when the round opened. No foreign
-- keys: the copy outlives the units.
CREATE TABLE round_units (
    round_id BLOB NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    unit_id BLOB NOT NULL,
    parent_id BLOB,
    name TEXT NOT NULL,
    PRIMARY KEY (round_id, unit_id)
);

-- The members of the taking part groups when the round opened: whom it invites and counts.
-- A person deleted later leaves their place (person_id NULL), so member counts stay as frozen.
CREATE TABLE round_members (
    round_id BLOB NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    id BLOB NOT NULL,
    group_id BLOB NOT NULL,
    person_id BLOB REFERENCES people(id) ON DELETE SET NULL,
    PRIMARY KEY (round_id, id)
);
CREATE INDEX round_members_person ON round_members(round_id, person_id);

-- The disclosure ledger: every aggregate a closed round has shown, with the groups it pools.
-- Once written a row never changes; later decisions are made against all of them.
CREATE TABLE round_releases (
    round_id BLOB NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    area_id BLOB NOT NULL,
    -- The pooled group ids, sorted, separated by spaces.
    groups TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (round_id, area_id)
);

-- Set when the person (or, before the round opens, an administrator) has chosen which of
-- their groups they answer for.
ALTER TABLE invitations ADD COLUMN group_fixed INTEGER NOT NULL DEFAULT 0;

-- Failed attempts per bucket (an access code per link, per link and client) in a window, in
-- the database so that every server process on it counts the same attempts.
CREATE TABLE throttle (
    bucket TEXT PRIMARY KEY NOT NULL,
    hits INTEGER NOT NULL,
    window_start INTEGER NOT NULL
);

-- Rounds opened before this migration are frozen on the directory as it is now: the best
-- record there is of what they were measured on.
UPDATE rounds SET k = (SELECT o.anonymity_threshold FROM organisations o WHERE o.id = rounds.org_id)
WHERE state <> 'draft';
UPDATE round_groups SET
    name = (SELECT g.name FROM leadership_groups g WHERE g.id = round_groups.group_id),
    unit_id = (SELECT g.unit_id FROM leadership_groups g WHERE g.id = round_groups.group_id)
WHERE round_id IN (SELECT id FROM rounds WHERE state <> 'draft');
INSERT INTO round_units (round_id, unit_id, parent_id, name)
WITH RECURSIVE up(round_id, unit_id) AS (
    SELECT rg.round_id, rg.unit_id FROM round_groups rg
    JOIN rounds r ON r.id = rg.round_id WHERE r.state <> 'draft' AND rg.unit_id IS NOT NULL
    UNION
    SELECT up.round_id, u.parent_id FROM up JOIN units u ON u.id = up.unit_id WHERE u.parent_id IS NOT NULL
)
SELECT DISTINCT up.round_id, u.id, u.parent_id, u.name FROM up JOIN units u ON u.id = up.unit_id;
INSERT INTO round_members (round_id, id, group_id, person_id)
SELECT rg.round_id, randomblob(16), gm.group_id, gm.person_id FROM round_groups rg
JOIN rounds r ON r.id = rg.round_id JOIN group_members gm ON gm.group_id = rg.group_id
WHERE r.state <> 'draft';
