/**
 * Versioned PostgreSQL migrations, applied in order and recorded in `schema_migrations`, the same
 * tables and versions as `sqlite.ts` (so a SQLite deployment copies over table by table). Never
 * edit a released migration: add the next version, here and in `sqlite.ts`.
 *
 * Differences from SQLite, each for a reason: numbers that add up (quantities, nets, seq, times in
 * ms) are `bigint`, as SQLite's INTEGER is 64-bit; a campaign body is `json` (kept as sent, key
 * order included, and `\u0000` escapes are allowed in it, unlike `jsonb`); `disabled` is boolean.
 * Times the API echoes back (createdAt, receivedAt) stay text, byte for byte as received.
 * SQLite's version 3 (`cells_folded`) has no counterpart: PostgreSQL writes each push's cell deltas
 * in the push's own transaction, so its cells are never behind.
 */
import type { Migration } from "./migration";

/** Every migration, oldest first. */
export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: "initial schema",
    sql: `
CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);

CREATE TABLE campaigns (
  id text PRIMARY KEY,
  position integer NOT NULL,
  body json NOT NULL,
  imported_at text NOT NULL
);

-- Tree shape is checked on import (unitTreeProblems), so parent_id carries no foreign key.
CREATE TABLE units (
  id text PRIMARY KEY,
  position integer NOT NULL,
  name text NOT NULL,
  parent_id text,
  sector text
);

CREATE TABLE users (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('officer', 'supervisor', 'admin')),
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at text NOT NULL
);

CREATE TABLE user_units (
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  unit_id text NOT NULL REFERENCES units(id),
  position integer NOT NULL,
  PRIMARY KEY (user_id, unit_id)
);
CREATE INDEX user_units_unit ON user_units(unit_id);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at bigint NOT NULL,
  last_seen_at bigint NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_last_seen ON sessions(last_seen_at);

CREATE TABLE login_failures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL,
  address text NOT NULL,
  at bigint NOT NULL
);
CREATE INDEX login_failures_username ON login_failures(username, at);
CREATE INDEX login_failures_address ON login_failures(address, at);
CREATE INDEX login_failures_at ON login_failures(at);

CREATE TABLE clients (
  client_id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id),
  created_at text NOT NULL
);

-- id is the idempotency key (lower-case UUID); seq is the commit order the pull cursor follows
-- (assigned under the push lock, see postgres-ledger.ts).
CREATE TABLE entries (
  id text PRIMARY KEY,
  seq bigint NOT NULL UNIQUE,
  campaign_id text NOT NULL REFERENCES campaigns(id),
  part_id text NOT NULL,
  unit_id text NOT NULL,
  date text NOT NULL,
  quantity bigint NOT NULL,
  note text,
  corrects_id text REFERENCES entries(id),
  created_at text NOT NULL,
  phase_id text NOT NULL,
  root_id text NOT NULL,
  author_id text NOT NULL REFERENCES users(id),
  client_id text NOT NULL REFERENCES clients(client_id),
  received_at text NOT NULL
);

-- The maintained aggregate totals are computed from (DESIGN §5: no scans).
CREATE TABLE cells (
  campaign_id text NOT NULL,
  part_id text NOT NULL,
  unit_id text NOT NULL,
  phase_id text NOT NULL,
  net bigint NOT NULL,
  PRIMARY KEY (campaign_id, part_id, unit_id, phase_id)
);

-- Net of every chain that has at least one correction; an uncorrected chain's net is its root's quantity.
CREATE TABLE chain_nets (
  root_id text PRIMARY KEY REFERENCES entries(id),
  net bigint NOT NULL CHECK (net >= 0)
);
`,
  },
  {
    version: 2,
    name: "reviews, phase reports, allocations",
    sql: `
-- Reviews are history (never updated): id is the idempotency key, seq the pull order of its own
-- cursor position, assigned under the push lock like entries' (postgres-supervision.ts).
-- unit_id is the reviewed entry's unit (entries never move), for scope filters.
CREATE TABLE reviews (
  id text PRIMARY KEY,
  seq bigint NOT NULL UNIQUE,
  entry_id text NOT NULL REFERENCES entries(id),
  unit_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('approved', 'has-issues')),
  comment text,
  created_at text NOT NULL,
  reviewer_id text NOT NULL REFERENCES users(id),
  reviewer_name text NOT NULL,
  client_id text NOT NULL REFERENCES clients(client_id),
  received_at text NOT NULL
);
CREATE INDEX reviews_entry ON reviews(entry_id);

-- Phase reports are history too: a unit may report a phase again; the latest counts.
CREATE TABLE phase_reports (
  id text PRIMARY KEY,
  seq bigint NOT NULL UNIQUE,
  campaign_id text NOT NULL REFERENCES campaigns(id),
  phase_id text NOT NULL,
  unit_id text NOT NULL,
  note text,
  created_at text NOT NULL,
  author_id text NOT NULL REFERENCES users(id),
  client_id text NOT NULL REFERENCES clients(client_id),
  received_at text NOT NULL
);
CREATE INDEX phase_reports_unit ON phase_reports(unit_id);

-- A unit's share of a count part's goal; removing one deletes its row.
CREATE TABLE allocations (
  campaign_id text NOT NULL REFERENCES campaigns(id),
  part_id text NOT NULL,
  unit_id text NOT NULL,
  goal bigint NOT NULL CHECK (goal >= 0),
  set_by text NOT NULL REFERENCES users(id),
  set_at text NOT NULL,
  PRIMARY KEY (campaign_id, part_id, unit_id)
);
CREATE INDEX allocations_unit ON allocations(unit_id);
`,
  },
  {
    version: 3,
    name: "units keep their optional fields",
    sql: `
-- A unit's fields beyond id, name, parent and sector (closed, …) as JSON (unit-rows.ts).
ALTER TABLE units ADD COLUMN extra text NOT NULL DEFAULT '{}';
`,
  },
  {
    version: 4,
    name: "report content and nominations",
    sql: `
-- Phase reports carry narrative sections and the unit's figures frozen when submitted, each as
-- JSON (null when the report has none); "year" is the phase id of the year-end report.
ALTER TABLE phase_reports ADD COLUMN sections text;
ALTER TABLE phase_reports ADD COLUMN figures text;

-- Nominations for commendation are history like reviews: id the idempotency key, seq the pull
-- order of their own cursor position. unit_id is the proposing unit.
CREATE TABLE nominations (
  id text PRIMARY KEY,
  seq bigint NOT NULL UNIQUE,
  campaign_id text NOT NULL REFERENCES campaigns(id),
  unit_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('collective', 'individual')),
  name text NOT NULL,
  achievements text NOT NULL,
  award text NOT NULL,
  created_at text NOT NULL,
  author_id text NOT NULL REFERENCES users(id),
  client_id text NOT NULL REFERENCES clients(client_id),
  received_at text NOT NULL
);
CREATE INDEX nominations_unit ON nominations(unit_id);

-- The level above's decisions on nominations; unit_id and campaign_id are the nomination's
-- (nominations never move), for scope filters. The newest decision is the nomination's state.
CREATE TABLE nomination_reviews (
  id text PRIMARY KEY,
  seq bigint NOT NULL UNIQUE,
  nomination_id text NOT NULL REFERENCES nominations(id),
  unit_id text NOT NULL,
  campaign_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('accepted', 'returned')),
  comment text,
  created_at text NOT NULL,
  reviewer_id text NOT NULL REFERENCES users(id),
  reviewer_name text NOT NULL,
  client_id text NOT NULL REFERENCES clients(client_id),
  received_at text NOT NULL
);
CREATE INDEX nomination_reviews_nomination ON nomination_reviews(nomination_id);
CREATE INDEX nomination_reviews_unit ON nomination_reviews(unit_id);
`,
  },
  {
    version: 5,
    name: "replies to reviews",
    sql: `
-- The review conversation: an answer to a review, beside the entry, history like reviews (id the
-- idempotency key, seq the pull order of its own cursor position). unit_id is the entry's unit
-- (entries never move), for scope filters; author_name is kept as written, like reviewer_name.
CREATE TABLE replies (
  id text PRIMARY KEY,
  seq bigint NOT NULL UNIQUE,
  entry_id text NOT NULL REFERENCES entries(id),
  unit_id text NOT NULL,
  text text NOT NULL,
  created_at text NOT NULL,
  author_id text NOT NULL REFERENCES users(id),
  author_name text NOT NULL,
  client_id text NOT NULL REFERENCES clients(client_id),
  received_at text NOT NULL
);
CREATE INDEX replies_entry ON replies(entry_id);
CREATE INDEX replies_unit ON replies(unit_id);
`,
  },
];
