-- News items of an office (PLT-3, issue 16): written by its admins for office staff, clients or both, with one text
-- per language or one for all ({"all": {...}} or {"nl": {...}, "fr": {...}}); withdrawn items are kept, not shown.
CREATE TABLE news_items (
    id            uuid PRIMARY KEY,
    office_id     uuid NOT NULL REFERENCES offices (id) ON DELETE CASCADE,
    audience      text NOT NULL CHECK (audience IN ('office', 'clients', 'both')),
    texts         jsonb NOT NULL,
    link          text,
    published_by  uuid REFERENCES users (id),
    published_at  timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    withdrawn_at  timestamptz
);
CREATE INDEX news_items_office ON news_items (office_id, published_at DESC);

-- What each user has done with the help (PLT-3): when they last opened the news (the unread mark counts items
-- published after it) and whether they dismissed the client quick-start.
CREATE TABLE help_marks (
    user_id                 uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    news_seen_at            timestamptz,
    quick_start_dismissed_at timestamptz
);
