-- Plan and execution (SQLite). Keep in step with ../postgres/0006_plan.sql.

CREATE TABLE goals (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX goals_org ON goals(org_id, position);

CREATE TABLE initiatives (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    goal_id BLOB REFERENCES goals(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    owner_id BLOB REFERENCES people(id) ON DELETE SET NULL,
    starts_on TEXT,
    ends_on TEXT,
    status TEXT NOT NULL CHECK (status IN ('proposed', 'active', 'paused', 'done', 'cancelled')),
    -- Engine keys of the round's model and competence ids, separated by spaces.
    engines TEXT NOT NULL,
    competences TEXT NOT NULL,
    -- The measurement round whose gap the initiative was made from, if any.
    round_id BLOB REFERENCES rounds(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX initiatives_org ON initiatives(org_id);

-- Money in whole kronor; each cost is a running cost or an investment.
CREATE TABLE initiative_costs (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    initiative_id BLOB NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount >= 0),
    kind TEXT NOT NULL CHECK (kind IN ('running', 'investment')),
    year INTEGER NOT NULL
);
CREATE INDEX initiative_costs_initiative ON initiative_costs(initiative_id);

CREATE TABLE boards (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    initiative_id BLOB REFERENCES initiatives(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    UNIQUE (org_id, name)
);

CREATE TABLE board_columns (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    board_id BLOB NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    rank TEXT NOT NULL,
    wip_limit INTEGER CHECK (wip_limit IS NULL OR wip_limit > 0),
    -- Cards here count as done (throughput, workload).
    is_done BOOLEAN NOT NULL
);
CREATE INDEX board_columns_board ON board_columns(board_id, rank);

-- A card's place is its column and rank; moving it rewrites this one row.
CREATE TABLE tasks (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    board_id BLOB NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    column_id BLOB NOT NULL REFERENCES board_columns(id),
    rank TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    assignee_id BLOB REFERENCES people(id) ON DELETE SET NULL,
    priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    due_on TEXT,
    -- Lower-case labels separated by commas.
    labels TEXT NOT NULL,
    initiative_id BLOB REFERENCES initiatives(id) ON DELETE SET NULL,
    estimate_hours INTEGER CHECK (estimate_hours IS NULL OR estimate_hours >= 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    done_at TEXT
);
CREATE INDEX tasks_column_rank ON tasks(column_id, rank, id);
CREATE INDEX tasks_board ON tasks(board_id);
CREATE INDEX tasks_assignee ON tasks(assignee_id);

CREATE TABLE task_checklist (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    task_id BLOB NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    done BOOLEAN NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX task_checklist_task ON task_checklist(task_id);

CREATE TABLE task_comments (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    task_id BLOB NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX task_comments_task ON task_comments(task_id);

-- A write sent again with the same key returns what the first one made instead of repeating it.
CREATE TABLE idempotency_keys (
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    operation TEXT NOT NULL,
    result_id BLOB NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, key)
);

CREATE TABLE intake_forms (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    -- The form's public address: /f/{slug}.
    slug TEXT NOT NULL UNIQUE,
    public BOOLEAN NOT NULL,
    board_id BLOB NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    intro TEXT NOT NULL,
    -- The fields as JSON: [{key, label, kind, required, choices}].
    fields TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE intake_submissions (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    form_id BLOB NOT NULL REFERENCES intake_forms(id) ON DELETE CASCADE,
    task_id BLOB REFERENCES tasks(id) ON DELETE SET NULL,
    -- Answers as JSON: {field key: text}.
    answers TEXT NOT NULL,
    -- How to reach the submitter, if they gave it; the form may be answered anonymously.
    contact TEXT,
    receipt TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
CREATE INDEX intake_submissions_form ON intake_submissions(form_id, created_at);

-- Meeting agendas: points taken from boards (a card) or written freely, in order.
CREATE TABLE agendas (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    meets_on TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX agendas_org ON agendas(org_id, meets_on);

CREATE TABLE agenda_items (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    agenda_id BLOB NOT NULL REFERENCES agendas(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    task_id BLOB REFERENCES tasks(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX agenda_items_agenda ON agenda_items(agenda_id, position);
