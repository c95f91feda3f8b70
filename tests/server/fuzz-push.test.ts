/**
 * Fuzz of POST /api/v1/sync/push (DESIGN §2): hostile envelopes must answer a 4xx in the error
 * shape; hostile entries inside a good envelope must each come back `rejected` with the reason
 * the protocol names; and in both cases nothing reaches the ledger, and the server answers the
 * next request normally.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Entry, RejectReason } from "../../src/domain/schemas";
import {
  anyJson,
  BAD_MARK,
  badUtf8,
  deepJsonText,
  expectAlive,
  expectClientError,
  hugeArray,
  hugeString,
  ledgerSize,
  notString,
  RouteCounter,
  tenMegabytes,
  withBadBytes,
} from "./fuzz-support";
import { correction, describeEachStore, makeEntry, startTestServer, type TestServer } from "./helpers";

const PUSH = "/api/v1/sync/push";
const counter = new RouteCounter();

/** A hostile entry and the outcomes the protocol allows for it. */
type Case = { entry: unknown; expect: readonly (RejectReason | "duplicate")[]; label: string };

const FIELDS = ["id", "campaignId", "partId", "unitId", "date", "quantity", "note", "correctsId", "createdAt"] as const;
const REQUIRED = FIELDS.filter((f) => f !== "note" && f !== "correctsId");

/** Entries the cases correct or collide with, stored before the fuzzing starts. */
type Seeded = { own: Entry; other: Entry };

/** A case: the entry as sent and the outcomes allowed for it. */
const mk = (entry: unknown, expect: Case["expect"], label: string): Case => ({ entry, expect, label });

function caseArb(seeded: Seeded): fc.Arbitrary<Case> {
  const base = () => makeEntry({ id: randomUUID(), quantity: 2 }) as Record<string, unknown>;
  const withField = (field: string, value: unknown) => ({ ...base(), [field]: value });
  const invalid = ["invalid"] as const;
  return fc.oneof(
    fc
      .tuple(fc.constantFrom(...FIELDS), notString)
      .filter(([f]) => f !== "quantity")
      .map(([f, v]) => mk(withField(f, v), invalid, `wrong type ${f}`)),
    fc
      .oneof(
        anyJson.filter((v) => typeof v !== "number"),
        fc.double({ noInteger: true }),
        fc.constantFrom(1e9 + 1, -1e9 - 1, 2 ** 53, 1e308, -1e308, Number.MAX_VALUE),
      )
      .map((v) => mk(withField("quantity", v), invalid, "quantity out of range")),
    fc.constantFrom(...REQUIRED).map((f) => {
      const e = base();
      delete e[f];
      return mk(e, invalid, `missing ${f}`);
    }),
    fc
      .tuple(
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !(FIELDS as readonly string[]).includes(k)),
          fc.constantFrom("authorId", "receivedAt", "seq", "phaseId", "rootId", "ownerId", "syncState", "__proto__"),
        ),
        anyJson,
      )
      .map(([k, v]) => {
        // JSON text, so "__proto__" arrives as an own key the way a hostile client sends it.
        const e = JSON.parse(`{${JSON.stringify(k)}:${JSON.stringify(v)},${JSON.stringify(base()).slice(1)}`);
        return mk(e, invalid, `extra field ${k}`);
      }),
    fc
      .tuple(fc.constantFrom(...FIELDS.filter((f) => f !== "quantity")), fc.oneof(hugeString, hugeArray))
      .map(([f, v]) => mk(withField(f, v), invalid, `huge ${f}`)),
    fc
      .constantFrom("2023-02-30", "2023-13-01", "23-03-15", "2023-3-15", "2023-03-15T00:00:00Z", "", "2023-00-10")
      .map((d) => mk(withField("date", d), invalid, "bad date")),
    fc
      .constantFrom("2023-03-15", "15/03/2023", "2023-03-15T08:00:00+99:99", "2023-02-30T08:00:00Z", "now")
      .map((d) => mk(withField("createdAt", d), invalid, "bad createdAt")),
    fc
      .integer({ min: -1_000_000_000, max: -1 })
      .map((q) => mk(withField("quantity", q), ["negative-quantity"], "negative, no correction")),
    fc
      .date({ min: new Date("2000-01-01"), max: new Date("2100-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10))
      .filter((d) => !d.startsWith("2023-"))
      .map((d) => mk(withField("date", d), ["outside-phases"], "outside phases")),
    fc
      .constantFrom("t99-1", "t1-9", "T1-1", "unknown")
      .map((p) => mk(withField("partId", p), ["unknown-part"], "unknown part")),
    fc
      .constantFrom("laichau-2022", "x", "laichau-2023-")
      .map((c) => mk(withField("campaignId", c), ["unknown-campaign"], "unknown campaign")),
    // An officer pushing for a unit outside their district, or one that does not exist: the
    // scope check comes first, so both are `forbidden` and unit ids cannot be probed.
    fc
      .constantFrom("phong-tho", "phong-tho-01", "lct", "tp-laichau", "cd-y-te", "no-such-unit", "tam-duong-99")
      .map((u) => mk(withField("unitId", u), ["forbidden"], "unit of another district")),
    fc
      .constant(null)
      .map(() =>
        mk(
          correction(seeded.other, -1, { id: randomUUID(), unitId: "tam-duong-01" }),
          ["unknown-corrected-entry"],
          "corrects another district's entry",
        ),
      ),
    fc
      .constant(null)
      .map(() =>
        mk(correction(makeEntry(), -1, { id: randomUUID() }), ["unknown-corrected-entry"], "unknown original"),
      ),
    fc
      .integer({ min: 1, max: 1000 })
      .map((k) =>
        mk(correction(seeded.own, -(seeded.own.quantity + k), { id: randomUUID() }), ["negative-net"], "below zero"),
      ),
    fc
      .constant(null)
      .map(() =>
        mk(correction(seeded.own, -1, { id: randomUUID(), partId: "t2-1" }), ["correction-mismatch"], "other part"),
      ),
    fc.constant(mk({ ...seeded.own, quantity: seeded.own.quantity + 1 }, ["conflict"], "reused id, other content")),
    fc.constant(mk({ ...seeded.own }, ["duplicate"], "retry of a stored entry")),
    anyJson.map((v) => mk(v, invalid, "not an entry")),
  );
}

describeEachStore("fuzz: push", () => {
  let s: TestServer;
  let cookie: string;
  let seeded: Seeded;
  let before = 0;

  beforeAll(async () => {
    s = await startTestServer();
    cookie = await s.login("tamduong");
    const own = makeEntry({ quantity: 5 });
    const other = makeEntry({ unitId: "phong-tho-01", quantity: 4 });
    await s.push(cookie, [own], "fuzz-device");
    await s.push(await s.login("phongtho"), [other], "fuzz-device-2");
    seeded = { own, other };
    before = await ledgerSize(s);
    expect(before).toBe(2);
  });
  afterAll(async () => {
    counter.print("push");
    await s.close();
  });

  it("rejects every hostile entry with its reason, and stores none", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb(seeded), { minLength: 1, maxLength: 12 }), async (cases) => {
        counter.hit("POST /sync/push (entries)");
        const entries = cases.map((c) => c.entry);
        const r = await s.push(cookie, entries, "fuzz-device");
        if (Buffer.byteLength(JSON.stringify({ clientId: "fuzz-device", entries })) > 1024 * 1024) {
          // Several huge fields together pass the 1 MiB envelope limit: refused whole.
          expectClientError(r, "over 1 MiB", [413]);
          return;
        }
        expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
        expect(r.body.results).toHaveLength(cases.length);
        cases.forEach((c, i) => {
          const res = r.body.results[i];
          const outcome = res.status === "rejected" ? res.reason : res.status;
          expect(c.expect, `${c.label}: ${JSON.stringify(res)}`).toContain(outcome);
        });
        expect(await ledgerSize(s)).toBe(before);
      }),
      { numRuns: 800 },
    );
    await expectAlive(s, cookie);
  });

  /** A hostile body, the statuses it may get, and whether a 200 (every entry rejected) is also right. */
  type Envelope = { body: string | Uint8Array<ArrayBuffer>; label: string; statuses: number[]; allRejected?: boolean };
  const envelopeArb: fc.Arbitrary<Envelope> = fc.oneof(
    fc
      .string({ maxLength: 200 })
      .filter((t) => {
        try {
          JSON.parse(t);
          return false;
        } catch {
          return true;
        }
      })
      .map((t) => ({ body: t, label: "not JSON", statuses: [400] })),
    anyJson
      .filter((v) => typeof v !== "object" || v === null || Array.isArray(v))
      .map((v) => ({ body: JSON.stringify(v), label: "not an object", statuses: [400] })),
    fc
      .record({ clientId: fc.oneof(notString, fc.constant(""), hugeString), entries: fc.constant([]) })
      .map((v) => ({ body: JSON.stringify(v), label: "bad clientId", statuses: [400, 413] })),
    fc
      .record({ clientId: fc.constant("fuzz-device"), entries: anyJson.filter((v) => !Array.isArray(v)) })
      .map((v) => ({ body: JSON.stringify(v), label: "entries not an array", statuses: [400] })),
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 10 }), anyJson)
      .filter(([k]) => k !== "clientId" && k !== "entries")
      .map(([k, v]) => ({
        body: JSON.stringify({ clientId: "fuzz-device", entries: [], [k]: v }),
        label: "extra envelope field",
        statuses: [400],
      })),
    fc.constantFrom({}, { clientId: "fuzz-device" }, { entries: [] }).map((v) => ({
      body: JSON.stringify(v),
      label: "missing envelope field",
      statuses: [400],
    })),
    fc.integer({ min: 501, max: 3000 }).map((n) => ({
      body: JSON.stringify({ clientId: "fuzz-device", entries: Array.from({ length: n }, () => ({})) }),
      label: "more than 500 entries",
      statuses: [413],
    })),
    hugeArray.map((a) => ({
      body: JSON.stringify({ clientId: "fuzz-device", entries: a }),
      label: "huge entries array",
      statuses: [413],
    })),
    deepJsonText.map((t) => ({ body: t, label: "deep JSON", statuses: [400] })),
    deepJsonText.map((t) => ({
      body: `{"clientId":"fuzz-device","entries":[${t}]}`,
      label: "deep JSON entries",
      statuses: [413],
      allRejected: true,
    })),
    fc.tuple(badUtf8, fc.constantFrom("clientId", "note", "unitId", "id")).map(([bad, field]) => {
      const e: Record<string, unknown> = { ...makeEntry({ id: randomUUID() }) };
      const env: Record<string, unknown> = { clientId: "fuzz-device", entries: [e] };
      if (field === "clientId") env.clientId = `dev${BAD_MARK}`;
      else e[field] = `${String(e[field] ?? "ghi chú ")}${BAD_MARK}`;
      return { body: withBadBytes(JSON.stringify(env), bad), label: `invalid UTF-8 in ${field}`, statuses: [400] };
    }),
  );

  it("answers a 4xx in the error shape to every hostile envelope, and stores nothing", async () => {
    await fc.assert(
      fc.asyncProperty(envelopeArb, async ({ body, label, statuses, allRejected }) => {
        counter.hit("POST /sync/push (envelope)");
        const r = await s.call("POST", PUSH, { cookie, body, headers: { "content-type": "application/json" } });
        if (allRejected && r.status === 200) {
          for (const res of r.body.results) expect(res, label).toMatchObject({ status: "rejected", reason: "invalid" });
        } else expectClientError(r, label, statuses);
        expect(await ledgerSize(s)).toBe(before);
      }),
      { numRuns: 400 },
    );
    await expectAlive(s, cookie);
  });

  it("refuses 10 MB bodies, declared or streamed, with 413", async () => {
    for (const declared of [true, false, true, false]) {
      counter.hit("POST /sync/push (10 MB)");
      const { body, headers } = tenMegabytes(declared);
      const r = await s.call("POST", PUSH, { cookie, body, headers });
      expectClientError(r, `10 MB, declared=${declared}`, [413]);
    }
    expect(await ledgerSize(s)).toBe(before);
    await expectAlive(s, cookie);
  });

  it("401 without a session, 403 with another user's client id, whatever the body", async () => {
    const other = await s.login("tamduong2");
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb(seeded), { maxLength: 5 }), async (cases) => {
        counter.hit("POST /sync/push (no session)");
        const entries = cases.map((c) => c.entry);
        const anon = await s.call("POST", PUSH, { json: { clientId: "fuzz-device", entries } });
        expectClientError(anon, "no session", [401]);
        counter.hit("POST /sync/push (foreign client)");
        const foreign = await s.push(other, entries, "fuzz-device");
        expectClientError(foreign, "client id of another user", [403, 413]);
      }),
      { numRuns: 40 },
    );
    expect(await ledgerSize(s)).toBe(before);
    await expectAlive(s, cookie);
  });
});
