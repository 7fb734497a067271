-- Secret links to calendar feeds (iCalendar): a member's own cards, or one board's. Each link is
-- its member's own (a board has one per member who wants it) and gives nothing once the member is
-- no longer active. Only a hash of the link's token is kept; renewing replaces it, so the old link
-- stops working at once.
CREATE TABLE calendar_feeds (
    id UUID PRIMARY KEY NOT NULL,
    org_id UUID NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- 'person': the member's own cards (subject is the user id); 'board': a board's cards.
    kind TEXT NOT NULL CHECK (kind IN ('person', 'board')),
    subject UUID NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (org_id, user_id, kind, subject)
);
