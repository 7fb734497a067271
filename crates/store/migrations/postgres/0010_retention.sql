-- How long an organisation keeps personal data that has served its purpose (PostgreSQL). Keep
-- in step with ../sqlite/0010_retention.sql. No row means the defaults; a NULL means keep.
CREATE TABLE retention (
    org_id UUID PRIMARY KEY NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    -- Days after which the personal links of a closed round forget whom they were sent to.
    links_days BIGINT CHECK (links_days IS NULL OR links_days >= 0),
    -- Days after which an unfinished answer (a draft) is thrown away.
    drafts_days BIGINT CHECK (drafts_days IS NULL OR drafts_days >= 0),
    -- Days after which an intake request forgets how to reach its sender.
    contacts_days BIGINT CHECK (contacts_days IS NULL OR contacts_days >= 0)
);
