-- Competence frameworks, per organisation (PostgreSQL). Keep in step with ../sqlite/0004_frameworks.sql.
CREATE TABLE competence_frameworks (
    id UUID PRIMARY KEY NOT NULL,
    org_id UUID NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    framework_key TEXT NOT NULL,
    version BIGINT NOT NULL,
    name_sv TEXT NOT NULL,
    name_en TEXT NOT NULL,
    -- The framework file as uploaded; parsed again when read.
    source TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (org_id, framework_key, version)
);
