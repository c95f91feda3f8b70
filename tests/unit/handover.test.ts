import { describe, expect, it } from "vitest";
import { HANDOVER_FORMAT, type HandoverPayload, readHandover, writeHandover } from "../../src/domain/handover";
import { makeEntry } from "../support/fixtures";

const payload: HandoverPayload = {
  format: HANDOVER_FORMAT,
  exportedAt: "2023-06-01T08:00:00.000Z",
  exportedBy: { userId: "u1", name: "Lò Văn Minh" },
  deviceId: "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b",
  campaignIds: ["laichau-2023"],
  entries: [makeEntry({ quantity: 3, note: "Hội nghị CBCC “quý I”" }), makeEntry({ quantity: 5 })],
};

describe("handover file", () => {
  it("round-trips its entries exactly", async () => {
    const text = await writeHandover(payload);
    const read = await readHandover(text);
    expect(read.ok && read.payload.entries).toEqual(payload.entries);
  });

  it("refuses a file with any one byte flipped, truncated, or edited", async () => {
    const text = await writeHandover(payload);
    const bytes = new TextEncoder().encode(text);
    let refused = 0;
    for (let i = 0; i < bytes.length; i += 7) {
      const copy = bytes.slice();
      copy[i] = (copy[i] ?? 0) ^ 0x01;
      const r = await readHandover(new TextDecoder().decode(copy));
      if (!r.ok) refused++;
      else expect(r.payload.entries).toEqual(payload.entries); // only whitespace flips may pass, changing nothing
    }
    expect(refused).toBeGreaterThan(Math.floor(bytes.length / 7) * 0.9);
    expect(await readHandover(text.slice(0, text.length / 2))).toEqual({ ok: false, problem: "not-json" });
    const edited = text.replace('"quantity": 5', '"quantity": 50');
    expect(edited).not.toBe(text);
    expect(await readHandover(edited)).toEqual({ ok: false, problem: "bad-checksum" });
    expect((await readHandover('{"format":"other"}')).ok).toBe(false);
  });
});
