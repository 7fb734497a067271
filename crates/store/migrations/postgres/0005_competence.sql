-- Assessments, development and environment scanning (PostgreSQL). Keep in step with
-- ../sqlite/0005_competence.sql.

-- A person's framework and target role, and whether their mentor may see their assessments.
CREATE TABLE competence_profiles (
    person_id UUID PRIMARY KEY NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    org_id UUID NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    framework_id UUID REFERENCES competence_frameworks(id) ON DELETE SET NULL,
    role_key TEXT,
    mentor_may_see BOOLEAN NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- Append-only: an assessment is never changed, a new one is added.
CREATE TABLE assessments (
    id UUID PRIMARY KEY NOT NULL,
    org_id UUID NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    person_id UUID NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    framework_id UUID NOT NULL REFERENCES competence_frameworks(id) ON DELETE CASCADE,
    competence_key TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('self', 'manager', 'mentor', 'peer')),
    level BIGINT NOT NULL CHECK (level BETWEEN 1 AND 9),
    note TEXT NOT NULL,
    assessor_id UUID REFERENCES people(id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX assessments_person ON assessments(person_id, framework_id, created_at);

-- The combined level of each competence, one row per person and framework (a JSON object of
-- competence id → level), rewritten in the transaction that adds an assessment, so a team map
-- reads one row per person instead of every assessment.
CREATE TABLE competence_levels (
    person_id UUID NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    framework_id UUID NOT NULL REFERENCES competence_frameworks(id) ON DELETE CASCADE,
    levels TEXT NOT NULL,
    PRIMARY KEY (person_id, framework_id)
);

-- Where a person (or a role of a framework) stands on a grid, and the target; append-only,
-- the latest row is the current placement.
CREATE TABLE grid_placements (
    id UUID PRIMARY KEY NOT NULL,
    org_id UUID NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    person_id UUID REFERENCES people(id) ON DELETE CASCADE,
    framework_id UUID REFERENCES competence_frameworks(id) ON DELETE CASCADE,
    role_key TEXT,
    grid_key TEXT NOT NULL,
    now_column BIGINT NOT NULL,
    now_row BIGINT NOT NULL,
    target_column BIGINT,
    target_row BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    CHECK ((person_id IS NULL) = (role_key IS NOT NULL))
);
CREATE INDEX grid_placements_subject ON grid_placements(org_id, person_id, role_key, created_at);

CREATE TABLE plan_actions (
    id UUID PRIMARY KEY NOT NULL,
    org_id UUID NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    person_id UUID NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('course', 'mentoring', 'assignment', 'reading', 'network', 'other')),
    -- Competence ids of the person's framework, separated by spaces.
    competences TEXT NOT NULL,
    due_on DATE,
    status TEXT NOT NULL CHECK (status IN ('planned', 'started', 'done', 'dropped')),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX plan_actions_person ON plan_actions(person_id);

CREATE TABLE radar_blips (
    id UUID PRIMARY KEY NOT NULL,
    org_id UUID NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    quadrant TEXT NOT NULL CHECK (quadrant IN ('techniques', 'platforms', 'tools', 'services')),
    ring TEXT NOT NULL CHECK (ring IN ('adopt', 'trial', 'assess', 'hold')),
    note TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (org_id, name)
);

CREATE TABLE scan_entries (
    id UUID PRIMARY KEY NOT NULL,
    org_id UUID NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    noted_on DATE NOT NULL,
    source TEXT NOT NULL,
    signal TEXT NOT NULL,
    link TEXT,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX scan_entries_org ON scan_entries(org_id, noted_on);
