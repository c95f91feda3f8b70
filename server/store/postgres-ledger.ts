/**
 * The ledger half of the PostgreSQL store: pushes, the pull query and the cells.
 *
 * One push is one READ COMMITTED transaction that first takes the transaction-scoped advisory
 * lock PUSH_LOCK, then reads the snapshot (the entries the batch names, with their chain nets,
 * in one query), runs the planner, and writes entries, cell deltas and chain nets (one statement
 * of three set-based parts over arrays, `writePush`). Nothing of it is visible before COMMIT, and the entry id is
 * the primary key, so an id is stored once, in the same transaction as its effects.
 *
 * Why a lock, and why one for every push (the pull cursor must never skip a row):
 * the cursor says "I have every entry with seq <= N". A PostgreSQL SEQUENCE hands out numbers
 * when they are asked for, but transactions commit in any order: push A takes seq 1..500, push B
 * takes 501..1000 and commits first, a pull sees 501..1000 and moves its cursor to 1000, then A
 * commits and its 500 entries sit below every later cursor: skipped for good. The rule that
 * avoids it: a reader that sees seq s must already see every seq < s. Here seq is assigned as
 * max(seq)+1.. while PUSH_LOCK is held, and PostgreSQL releases a transaction's locks only after
 * its commit is visible to new snapshots (CommitTransaction marks the transaction committed in
 * the proc array, then releases locks). So the next writer reads max(seq) after the previous
 * commit is visible, every seq it writes is above every committed one, and commits happen in seq
 * order; any snapshot sees a prefix of the seq order, and `seq > cursor` misses nothing. The same
 * holds on a streaming replica, which replays commit records in WAL order (which is seq order).
 * The lock also makes snapshot-plan-write atomic against every other push, in this process or
 * any other on the same database (two pushes of one id: the second sees the first and answers
 * duplicate; two corrections of one chain: the second sees the first's net).
 *
 * Pushes of one process are committed in groups (see `commitPush`), one group at a time.
 * The price is that groups commit one at a time across all processes; a 500-entry push holds the
 * lock for about 10 ms here (~20,000 entries/s end to end, bench/store-compare.mjs), far beyond
 * what phones send. Rejected alternatives: handing out only positions below the oldest in-flight transaction
 * (pg_snapshot_xmin over an xid8 column) needs a two-part cursor and lets any long write
 * transaction on the cluster stall every pull; SERIALIZABLE with retries does not order seq.
 * Every writer of `entries` must take PUSH_LOCK (the SQLite copy does); so does every writer of
 * `reviews` and `phase_reports`, whose own seq columns follow the same rule (postgres-supervision.ts).
 */
import { addCellDeltas, type Cell } from "../../src/domain/totals";
import { fromDb, inTransaction, type Pool, PUSH_LOCK, type Tx, toDb, toDbOrNull } from "./postgres-pool";
import { ENTRY_COLUMNS, type EntryRow, rowMappers } from "./rows";
import type { LedgerSnapshot, LedgerStore, LedgerWrite, PushPlanner, StoredEntry } from "./store";

/** Map a row to the stored entry shape (optional fields absent, not null; escaped text decoded). */
const { toStoredEntry } = rowMappers(fromDb);
const E_COLUMNS = ENTRY_COLUMNS.split(", ")
  .map((c) => `e.${c}`)
  .join(", ");

/** The INSERT of entries from the 15 arrays of `entriesParams` ($1–$15), seq continuing from the stored maximum or given. */
const ENTRIES_INSERT = `INSERT INTO entries (${ENTRY_COLUMNS})
     SELECT t.id, coalesce(t.seq, base.s + t.ord), t.campaign_id, t.part_id, t.unit_id, t.date, t.quantity, t.note,
       t.corrects_id, t.created_at, t.phase_id, t.root_id, t.author_id, t.client_id, t.received_at
     FROM (SELECT coalesce(max(seq), 0) AS s FROM entries) AS base,
       unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[],
         $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
       WITH ORDINALITY AS t(id, seq, campaign_id, part_id, unit_id, date, quantity, note, corrects_id, created_at,
         phase_id, root_id, author_id, client_id, received_at, ord)
     ORDER BY t.ord`;

/** The 15 arrays of `ENTRIES_INSERT`. */
function entriesParams(entries: readonly Omit<StoredEntry, "seq">[], seqs?: readonly number[]): unknown[] {
  const col = <T>(f: (e: Omit<StoredEntry, "seq">) => T) => entries.map(f);
  return [
    col((e) => e.id),
    seqs ? [...seqs] : col(() => null),
    col((e) => e.campaignId),
    col((e) => e.partId),
    col((e) => e.unitId),
    col((e) => e.date),
    col((e) => e.quantity),
    col((e) => toDbOrNull(e.note)),
    col((e) => e.correctsId ?? null),
    col((e) => e.createdAt),
    col((e) => e.phaseId),
    col((e) => e.rootId),
    col((e) => e.authorId),
    col((e) => toDb(e.clientId)),
    col((e) => e.receivedAt),
  ];
}

/**
 * Insert entries in order, seq continuing from the stored maximum (call only under PUSH_LOCK).
 * `seqs` gives explicit seq values instead (the SQLite copy keeps the source's order and gaps).
 */
export async function insertEntries(
  tx: Tx,
  entries: readonly Omit<StoredEntry, "seq">[],
  seqs?: readonly number[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx.query(ENTRIES_INSERT, entriesParams(entries, seqs));
}

/** Add deltas to cells (each key once per statement), from 5 arrays at parameter `$p` on. */
const cellsUpsert = (p: number) =>
  `INSERT INTO cells (campaign_id, part_id, unit_id, phase_id, net)
     SELECT * FROM unnest($${p}::text[], $${p + 1}::text[], $${p + 2}::text[], $${p + 3}::text[], $${p + 4}::bigint[])
     ON CONFLICT (campaign_id, part_id, unit_id, phase_id) DO UPDATE SET net = cells.net + excluded.net`;

/** Set the absolute nets of chains, from 2 arrays at parameter `$p` on. */
const netsUpsert = (p: number) =>
  `INSERT INTO chain_nets (root_id, net) SELECT * FROM unnest($${p}::text[], $${p + 1}::bigint[])
     ON CONFLICT (root_id) DO UPDATE SET net = excluded.net`;

/**
 * A push's writes in ONE statement (data-modifying CTEs over disjoint tables): its entries, its
 * cells' deltas and its corrected chains' nets. One round trip instead of three: on report day a
 * group of pushes is made of round trips (bench/README.md, "Load").
 */
async function writePush(tx: Tx, w: LedgerWrite): Promise<void> {
  if (w.entries.length === 0) return;
  const params = entriesParams(w.entries);
  const parts = [`ins AS (${ENTRIES_INSERT})`];
  const cells = [...w.cellDeltas.values()];
  if (cells.length > 0) {
    parts.push(`cell_deltas AS (${cellsUpsert(params.length + 1)})`);
    params.push(
      cells.map((c) => c.campaignId),
      cells.map((c) => c.partId),
      cells.map((c) => c.unitId),
      cells.map((c) => c.phaseId),
      cells.map((c) => c.net),
    );
  }
  if (w.correctedChainNets.size > 0) {
    parts.push(`nets AS (${netsUpsert(params.length + 1)})`);
    params.push([...w.correctedChainNets.keys()], [...w.correctedChainNets.values()]);
  }
  await tx.query(`WITH ${parts.join(",\n")} SELECT 1`, params);
}

/** Pushes per group at most (a group holds PUSH_LOCK for all of them, other processes wait). */
const MAX_GROUP = 64;

/** What became of one push of a group. */
type PushOutcome = { ok: true; result: unknown } | { ok: false; error: unknown };

/** The one write of a planned group failed (its cause inside): try the group again push by push. */
class GroupWriteFailed extends Error {
  constructor(cause: unknown) {
    super("the group's write failed", { cause });
  }
}

/**
 * The writes of a group's pushes as one: rows in arrival order, cell deltas summed per cell,
 * each chain's net as the last push that corrected it left it.
 */
function mergeWrites(writes: readonly LedgerWrite[]): LedgerWrite {
  if (writes.length === 1) return writes[0] as LedgerWrite;
  const entries: LedgerWrite["entries"] = [];
  const cellDeltas = new Map<string, Cell>();
  const correctedChainNets = new Map<string, number>();
  for (const w of writes) {
    entries.push(...w.entries);
    addCellDeltas(cellDeltas, w.cellDeltas);
    for (const [root, net] of w.correctedChainNets) correctedChainNets.set(root, net);
  }
  return { entries, cellDeltas, correctedChainNets };
}

/** A push waiting for its group. */
type QueuedPush = {
  ids: readonly string[];
  plan: PushPlanner<unknown>;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
};

/** Ledger queries over a pool. */
export class PostgresLedger implements LedgerStore {
  constructor(private readonly pool: Pool) {}

  /** Pushes waiting for the next group, in arrival order. */
  private queued: QueuedPush[] = [];
  /** Whether a group is being committed (pushes arriving meanwhile wait for the next). */
  private committing = false;

  /**
   * Lock, load, plan and write one push atomically (see the header), as part of a group: the
   * pushes that arrive while a group is being committed are committed together next, in ONE
   * transaction under PUSH_LOCK (one lock, one snapshot, one write, one COMMIT and its WAL flush
   * for all), in arrival order, each answered after the group's COMMIT. Each push is planned
   * over what the pushes before it stored, exactly as if they had committed alone; a push that
   * fails, fails alone (`commitPlannedTogether`, then `commitInSavepoints`). Only one
   * pool connection writes pushes, so the others stay free for sign-in checks, pulls and totals,
   * which had waited behind a pool full of pushes queued on the lock (bench/README.md, "Load").
   */
  commitPush<T>(ids: readonly string[], plan: PushPlanner<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queued.push({ ids, plan, resolve: resolve as (r: unknown) => void, reject });
      if (!this.committing) void this.commitGroups();
    });
  }

  /** Commit groups until nothing waits. */
  private async commitGroups(): Promise<void> {
    this.committing = true;
    try {
      while (this.queued.length > 0) {
        const group = this.queued.splice(0, MAX_GROUP);
        this.groups.groups += 1;
        this.groups.pushes += group.length;
        this.groups.largest = Math.max(this.groups.largest, group.length);
        let outcomes: PushOutcome[];
        try {
          outcomes = await this.commitPlannedTogether(group);
        } catch (err) {
          if (!(err instanceof GroupWriteFailed) || group.length === 1) {
            // The group's transaction failed (its COMMIT, a lost connection, or a push alone).
            for (const push of group) push.reject(err instanceof GroupWriteFailed ? err.cause : err);
            continue;
          }
          try {
            outcomes = await this.commitInSavepoints(group);
          } catch (err2) {
            for (const push of group) push.reject(err2);
            continue;
          }
        }
        group.forEach((push, i) => {
          const o = outcomes[i];
          if (o?.ok) push.resolve(o.result);
          else push.reject(o?.error);
        });
      }
    } finally {
      this.committing = false;
    }
  }

  /** Counters of the group commits (for tests and the load bench), as the SQLite ledger keeps them. */
  readonly groups = { groups: 0, pushes: 0, largest: 0 };

  /**
   * A group in four round trips whatever its size: under PUSH_LOCK, ONE snapshot of every id the
   * group names, each push planned in arrival order over that snapshot plus what the pushes
   * before it in the group stored (their rows, and the nets of the chains they started or
   * corrected: exactly what each would have read had the ones before committed alone), then ONE
   * write of all their rows, cell deltas and chain nets (seq in arrival order). A planner that
   * throws fails alone and adds nothing. Should that write fail (it should not: the plans are
   * consistent and the lock is held), the transaction rolls back and `GroupWriteFailed` sends the
   * group to `commitInSavepoints`, where a failing push fails alone.
   */
  private commitPlannedTogether(group: readonly QueuedPush[]): Promise<PushOutcome[]> {
    return inTransaction(
      this.pool,
      async (tx) => {
        const stored = await this.snapshot(
          tx,
          group.flatMap((push) => push.ids),
        );
        const entries = new Map(stored.entries);
        const chainNets = new Map(stored.chainNets);
        const outcomes: PushOutcome[] = [];
        const writes: LedgerWrite[] = [];
        for (const push of group) {
          try {
            const { write, result } = push.plan({ entries, chainNets });
            for (const e of write.entries) {
              entries.set(e.id, e);
              if (e.correctsId === undefined) chainNets.set(e.rootId, e.quantity);
            }
            for (const [root, net] of write.correctedChainNets) chainNets.set(root, net);
            writes.push(write);
            outcomes.push({ ok: true, result });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
        try {
          await writePush(tx, mergeWrites(writes));
        } catch (error) {
          throw new GroupWriteFailed(error);
        }
        return outcomes;
      },
      PUSH_LOCK,
    );
  }

  /** A group with each push in a savepoint of its own: the way back when the write of `commitPlannedTogether` failed. */
  private commitInSavepoints(group: readonly QueuedPush[]): Promise<PushOutcome[]> {
    return inTransaction(
      this.pool,
      async (tx) => {
        const outcomes: PushOutcome[] = [];
        // The release of one savepoint and the next one go together; COMMIT releases the last.
        let open = false;
        for (const push of group) {
          await tx.query(open ? "RELEASE SAVEPOINT push; SAVEPOINT push" : "SAVEPOINT push");
          open = true;
          try {
            const { write, result } = push.plan(await this.snapshot(tx, push.ids));
            await writePush(tx, write);
            outcomes.push({ ok: true, result });
          } catch (error) {
            // A lost connection fails here too, and with it the whole group.
            await tx.query("ROLLBACK TO SAVEPOINT push; RELEASE SAVEPOINT push");
            open = false;
            outcomes.push({ ok: false, error });
          }
        }
        return outcomes;
      },
      PUSH_LOCK,
    );
  }

  private async snapshot(tx: Tx, ids: readonly string[]): Promise<LedgerSnapshot> {
    const entries = new Map<string, StoredEntry>();
    const chainNets = new Map<string, number>();
    if (ids.length === 0) return { entries, chainNets };
    // A chain without a chain_nets row has no correction: its net is its root's quantity.
    const r = await tx.query<EntryRow & { chain_net: number }>(
      `SELECT ${E_COLUMNS}, coalesce(cn.net, root.quantity) AS chain_net
       FROM entries e
       LEFT JOIN chain_nets cn ON cn.root_id = e.root_id
       LEFT JOIN entries root ON root.id = e.root_id
       WHERE e.id = ANY($1::text[])`,
      [ids],
    );
    for (const row of r.rows) {
      entries.set(row.id, toStoredEntry(row));
      chainNets.set(row.root_id, row.chain_net);
    }
    return { entries, chainNets };
  }

  /** Entries after a seq, in seq order, optionally only of some units. */
  async entriesAfter(afterSeq: number, unitIds: readonly string[] | null, limit: number): Promise<StoredEntry[]> {
    const r =
      unitIds === null
        ? await this.pool.query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE seq > $1 ORDER BY seq LIMIT $2`, [
            afterSeq,
            limit,
          ])
        : await this.pool.query<EntryRow>(
            `SELECT ${ENTRY_COLUMNS} FROM entries WHERE seq > $1 AND unit_id = ANY($2::text[]) ORDER BY seq LIMIT $3`,
            [afterSeq, [...unitIds], limit],
          );
    return r.rows.map(toStoredEntry);
  }

  /** The cells of one campaign. */
  async cells(campaignId: string): Promise<Cell[]> {
    const r = await this.pool.query<{ part_id: string; unit_id: string; phase_id: string; net: number }>(
      "SELECT part_id, unit_id, phase_id, net FROM cells WHERE campaign_id = $1",
      [campaignId],
    );
    return r.rows.map((c) => ({ campaignId, partId: c.part_id, unitId: c.unit_id, phaseId: c.phase_id, net: c.net }));
  }
}
