/**
 * Versioned SQLite migrations, applied in order and recorded in `schema_migrations`. Never edit
 * a released migration: add the next version.
 */

import type { Migration } from "./migration";

/** Every migration, oldest first. */
export const sqliteMigrations: readonly Migration[] = [
  {
    version: 1,
    name: "initial schema",
    sql: `
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE campaigns (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  body TEXT NOT NULL CHECK (json_valid(body)),
  imported_at TEXT NOT NULL
) WITHOUT ROWID;

-- Tree shape is checked on import (unitTreeProblems), so parent_id carries no foreign key.
CREATE TABLE units (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  parent_id TEXT,
  sector TEXT
) WITHOUT ROWID;

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('officer', 'supervisor', 'admin')),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE user_units (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  unit_id TEXT NOT NULL REFERENCES units(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (user_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX user_units_unit ON user_units(unit_id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_last_seen ON sessions(last_seen_at);

CREATE TABLE login_failures (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL,
  address TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX login_failures_username ON login_failures(username, at);
CREATE INDEX login_failures_address ON login_failures(address, at);
CREATE INDEX login_failures_at ON login_failures(at);

CREATE TABLE clients (
  client_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
) WITHOUT ROWID;

-- id is the idempotency key (lower-case UUID); seq is the server order the pull cursor follows.
-- unit_id has no foreign key: deleting a unit would then scan the ledger; imports check use instead.
CREATE TABLE entries (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  part_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  date TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  note TEXT,
  corrects_id TEXT REFERENCES entries(id),
  created_at TEXT NOT NULL,
  phase_id TEXT NOT NULL,
  root_id TEXT NOT NULL,
  author_id TEXT NOT NULL REFERENCES users(id),
  client_id TEXT NOT NULL REFERENCES clients(client_id),
  received_at TEXT NOT NULL
);

-- The maintained aggregate totals are computed from (DESIGN §5: no scans).
CREATE TABLE cells (
  campaign_id TEXT NOT NULL,
  part_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  phase_id TEXT NOT NULL,
  net INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, part_id, unit_id, phase_id)
) WITHOUT ROWID;

-- Net of every chain that has at least one correction; an uncorrected chain's net is its root's
-- quantity, so a plain entry costs no extra row.
CREATE TABLE chain_nets (
  root_id TEXT PRIMARY KEY REFERENCES entries(id),
  net INTEGER NOT NULL CHECK (net >= 0)
) WITHOUT ROWID;
`,
  },
  {
    version: 2,
    name: "reviews, phase reports, allocations",
    sql: `
-- Reviews are history (never updated): id is the idempotency key, seq the pull order of its own
-- cursor position. unit_id is the reviewed entry's unit (entries never move), for scope filters.
CREATE TABLE reviews (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  entry_id TEXT NOT NULL REFERENCES entries(id),
  unit_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('approved', 'has-issues')),
  comment TEXT,
  created_at TEXT NOT NULL,
  reviewer_id TEXT NOT NULL REFERENCES users(id),
  reviewer_name TEXT NOT NULL,
  client_id TEXT NOT NULL REFERENCES clients(client_id),
  received_at TEXT NOT NULL
);
CREATE INDEX reviews_entry ON reviews(entry_id);

-- Phase reports are history too: a unit may report a phase again; the latest counts.
CREATE TABLE phase_reports (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  phase_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL,
  author_id TEXT NOT NULL REFERENCES users(id),
  client_id TEXT NOT NULL REFERENCES clients(client_id),
  received_at TEXT NOT NULL
);
CREATE INDEX phase_reports_unit ON phase_reports(unit_id);

-- A unit's share of a count part's goal; removing one deletes its row.
CREATE TABLE allocations (
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  part_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  goal INTEGER NOT NULL CHECK (goal >= 0),
  set_by TEXT NOT NULL REFERENCES users(id),
  set_at TEXT NOT NULL,
  PRIMARY KEY (campaign_id, part_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX allocations_unit ON allocations(unit_id);
`,
  },
  {
    version: 3,
    name: "cells folded behind the pushes",
    sql: `
-- The entry seq up to which cells is complete (sqlite-cells.ts): a push commits its entries, and
-- their cell deltas are folded in later, moving this mark in the same transaction. The cells of
-- every entry stored so far were written with it.
CREATE TABLE cells_folded (
  only INTEGER PRIMARY KEY CHECK (only = 1),
  seq INTEGER NOT NULL
);
INSERT INTO cells_folded (only, seq) SELECT 1, coalesce(max(seq), 0) FROM entries;
`,
  },
  {
    version: 4,
    name: "cells written by the fold alone",
    sql: `
-- A server from before version 3 would still add each push to cells in the push's transaction,
-- behind the mark, and the next fold would count those entries twice. The table is renamed and
-- cells becomes a view of it: such a server still reads totals, and its pushes fail loudly
-- ("cannot modify cells because it is a view") instead of counting twice. The fold writes
-- cell_nets (sqlite-cells.ts).
ALTER TABLE cells RENAME TO cell_nets;
CREATE VIEW cells AS SELECT campaign_id, part_id, unit_id, phase_id, net FROM cell_nets;
`,
  },
  {
    version: 5,
    name: "units keep their optional fields",
    sql: `
-- A unit's fields beyond id, name, parent and sector (closed, …) as JSON (unit-rows.ts).
ALTER TABLE units ADD COLUMN extra TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(extra));
`,
  },
  {
    version: 6,
    name: "report content and nominations",
    sql: `
-- Phase reports carry narrative sections and the unit's figures frozen when submitted, each as
-- JSON (null when the report has none); "year" is the phase id of the year-end report.
ALTER TABLE phase_reports ADD COLUMN sections TEXT;
ALTER TABLE phase_reports ADD COLUMN figures TEXT;

-- Nominations for commendation are history like reviews: id the idempotency key, seq the pull
-- order of their own cursor position. unit_id is the proposing unit.
CREATE TABLE nominations (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  unit_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('collective', 'individual')),
  name TEXT NOT NULL,
  achievements TEXT NOT NULL,
  award TEXT NOT NULL,
  created_at TEXT NOT NULL,
  author_id TEXT NOT NULL REFERENCES users(id),
  client_id TEXT NOT NULL REFERENCES clients(client_id),
  received_at TEXT NOT NULL
);
CREATE INDEX nominations_unit ON nominations(unit_id);

-- The level above's decisions on nominations; unit_id and campaign_id are the nomination's
-- (nominations never move), for scope filters. The newest decision is the nomination's state.
CREATE TABLE nomination_reviews (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  nomination_id TEXT NOT NULL REFERENCES nominations(id),
  unit_id TEXT NOT NULL,
  campaign_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('accepted', 'returned')),
  comment TEXT,
  created_at TEXT NOT NULL,
  reviewer_id TEXT NOT NULL REFERENCES users(id),
  reviewer_name TEXT NOT NULL,
  client_id TEXT NOT NULL REFERENCES clients(client_id),
  received_at TEXT NOT NULL
);
CREATE INDEX nomination_reviews_nomination ON nomination_reviews(nomination_id);
CREATE INDEX nomination_reviews_unit ON nomination_reviews(unit_id);
`,
  },
  {
    version: 7,
    name: "replies to reviews",
    sql: `
-- The review conversation: an answer to a review, beside the entry, history like reviews (id the
-- idempotency key, seq the pull order of its own cursor position). unit_id is the entry's unit
-- (entries never move), for scope filters; author_name is kept as written, like reviewer_name.
CREATE TABLE replies (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  entry_id TEXT NOT NULL REFERENCES entries(id),
  unit_id TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL,
  author_id TEXT NOT NULL REFERENCES users(id),
  author_name TEXT NOT NULL,
  client_id TEXT NOT NULL REFERENCES clients(client_id),
  received_at TEXT NOT NULL
);
CREATE INDEX replies_entry ON replies(entry_id);
CREATE INDEX replies_unit ON replies(unit_id);
`,
  },
];
