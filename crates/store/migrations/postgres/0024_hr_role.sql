-- The HR role (PostgreSQL). Keep in step with ../sqlite/0024_hr_role.sql.
-- 'hr' reads every competence record and review, nothing of the measurement's administration.
ALTER TABLE memberships DROP CONSTRAINT memberships_role_check;
ALTER TABLE memberships ADD CONSTRAINT memberships_role_check
    CHECK (role IN ('owner', 'admin', 'analyst', 'hr', 'member'));
ALTER TABLE account_invitations DROP CONSTRAINT account_invitations_role_check;
ALTER TABLE account_invitations ADD CONSTRAINT account_invitations_role_check
    CHECK (role IN ('owner', 'admin', 'analyst', 'hr', 'member'));
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_role_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_role_check
    CHECK (role IN ('owner', 'admin', 'analyst', 'hr', 'member'));
