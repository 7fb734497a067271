-- The benchmark against other organisations on the instance (PostgreSQL). Keep in step
-- with ../sqlite/0014_benchmark.sql.

-- Organisations that take part: they lend their latest closed round's organisation scores to
-- the others' comparisons and see their own set against them. Leaving deletes the row.
CREATE TABLE benchmark_participants (
    org_id UUID PRIMARY KEY NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    category TEXT NOT NULL CHECK (category IN ('municipality', 'region', 'authority', 'company')),
    size_band TEXT NOT NULL CHECK (size_band IN ('under-250', '250-999', '1000-4999', '5000-plus')),
    joined_at TIMESTAMPTZ NOT NULL
);

-- A reference table an instance administrator loaded for one model (a national benchmark):
-- engine means per organisation, none named. Loading another replaces it.
CREATE TABLE benchmark_references (
    model_key TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    row_count BIGINT NOT NULL,
    loaded_at TIMESTAMPTZ NOT NULL
);

-- Its scores, in hundredths of a point so both databases keep them exactly.
CREATE TABLE benchmark_reference_scores (
    model_key TEXT NOT NULL REFERENCES benchmark_references(model_key) ON DELETE CASCADE,
    row_no BIGINT NOT NULL,
    engine_id TEXT NOT NULL,
    score_centi BIGINT NOT NULL CHECK (score_centi BETWEEN 0 AND 10000),
    PRIMARY KEY (model_key, row_no, engine_id)
);
