/**
 * Report day inside the chaos run (`--load N`): N plain Node clients, each its own officer,
 * session and client id, push batches of 50 back to back through the fault proxy while the
 * simulated phones work, so exactly-once is checked under the same kind of load as
 * `bench/load.mjs` (group commit, rate buckets) and under the same faults. A batch is sent again
 * until it is answered 200 (a network error, 5xx or a cut after commit: at once; 429 or 503:
 * after Retry-After); every entry must then be `stored` or `duplicate`. Each client hands back a
 * report like a phone's, so `verify.ts` counts its entries with everyone else's.
 */
import { randomBytes } from "node:crypto";
import { campaign } from "../../src/db/seed-data";
import { phaseOf } from "../../src/domain/phases";
import { ApiClient } from "../lib/api-client";
import { EntryMaker } from "../page/data";
import type { FinalEntry } from "./protocol";
import type { DeviceReport } from "./verify";

const BATCH = 50;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A load client's account. */
export type LoadAccount = { id: string; username: string; password: string };

/** Create `count` officers of the whole province (before the faults start: a retried create would be a 409). */
export async function makeLoadAccounts(admin: ApiClient, count: number): Promise<LoadAccount[]> {
  const accounts: LoadAccount[] = [];
  for (let i = 0; i < count; i++) {
    const username = `chaos-load-${i}`;
    const password = `pw-${randomBytes(6).toString("hex")}`;
    const id = await admin.createUser({ username, name: username, role: "officer", unitIds: ["lct"], password });
    accounts.push({ id, username, password });
  }
  return accounts;
}

/** Each account pushes `batches` batches of 50 through `proxyUrl`; answers a report per account. */
export function runLoadClients(
  accounts: readonly LoadAccount[],
  proxyUrl: string,
  batches: number,
  seed: number,
): Promise<DeviceReport[]> {
  return Promise.all(accounts.map((a, i) => pushAll(a, proxyUrl, batches, new EntryMaker(seed + i))));
}

async function pushAll(
  account: LoadAccount,
  proxyUrl: string,
  batches: number,
  maker: EntryMaker,
): Promise<DeviceReport> {
  const client = new ApiClient(proxyUrl);
  const clientId = `${account.username}-${randomBytes(4).toString("hex")}`;
  const signIn = async () => {
    for (;;) {
      try {
        return await client.login(account.username, account.password);
      } catch {
        await pause(200);
      }
    }
  };
  await signIn();
  const entries: FinalEntry[] = [];
  for (let b = 0; b < batches; b++) {
    const batch = Array.from({ length: BATCH }, () => maker.next());
    for (;;) {
      let r: Awaited<ReturnType<ApiClient["request"]>>;
      try {
        r = await client.request("POST", "/sync/push", { clientId, entries: batch });
      } catch {
        await pause(50);
        continue;
      }
      if (r.status === 401) {
        await signIn();
        continue;
      }
      if (r.status === 429 || r.status === 503) {
        await pause(Math.max(1, Number(r.headers.get("retry-after") ?? 1)) * 1000);
        continue;
      }
      if (r.status !== 200) {
        await pause(50);
        continue;
      }
      const results = (r.body as { results: { id: string; status: string; reason?: string }[] }).results;
      batch.forEach((e, i) => {
        const res = results[i];
        const synced = res?.status === "stored" || res?.status === "duplicate";
        const final: FinalEntry = {
          id: e.id,
          campaignId: e.campaignId,
          partId: e.partId,
          unitId: e.unitId,
          phaseId: phaseOf(campaign, e.date)?.id ?? "",
          quantity: e.quantity,
          syncState: synced ? "synced" : "rejected",
        };
        if (!synced) final.rejectReason = res?.reason ?? res?.status ?? "no result";
        entries.push(final);
      });
      break;
    }
  }
  const cells = new Map<string, FinalEntry>();
  for (const e of entries) {
    if (e.syncState === "rejected") continue;
    const k = `${e.campaignId}|${e.partId}|${e.unitId}|${e.phaseId}`;
    const c = cells.get(k);
    if (c) c.quantity += e.quantity;
    else cells.set(k, { ...e });
  }
  return {
    index: -1,
    userId: account.id,
    entries,
    cells: [...cells.values()].map((c) => ({
      campaignId: c.campaignId,
      partId: c.partId,
      unitId: c.unitId,
      phaseId: c.phaseId,
      net: c.quantity,
    })),
    unsent: {},
  };
}
