-- The leadership groups an initiative works with (PostgreSQL). Keep in step with
-- ../sqlite/0007_initiative_groups.sql. An initiative that names none covers the whole
-- organisation; the effect view compares the named groups' change with the rest.
CREATE TABLE initiative_groups (
    org_id UUID NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    initiative_id UUID NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    group_id UUID NOT NULL REFERENCES leadership_groups(id) ON DELETE CASCADE,
    PRIMARY KEY (initiative_id, group_id)
);
CREATE INDEX initiative_groups_org ON initiative_groups(org_id);

-- An initiative's dashboard reads its own cards.
CREATE INDEX tasks_initiative ON tasks(initiative_id);
