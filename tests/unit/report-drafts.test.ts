/**
 * Report drafts on the phone: kept per user, unit and phase, read back after a "visit" (a new
 * store handle), forgotten once submitted; the outbox sends a submitted report's sections and
 * figures.
 */
import "fake-indexeddb/auto";
import { describe, expect, it, vi } from "vitest";
import { deleteDraft, loadDraft, saveDraft, useDraftStore } from "../../src/db/report-drafts";
import { type PhaseReport, phaseReport } from "../../src/domain/supervision";

const key = { ownerId: "u1", campaignId: "laichau-2023", phaseId: "year", unitId: "tam-duong-01" };

describe("report drafts", () => {
  it("survive a second visit, stay apart per user and unit, and go when deleted", async () => {
    useDraftStore(`drafts-${Math.random()}`);
    await saveDraft(key, { sections: { results: "Ngày 1: kết nạp 3 đoàn viên." }, savedAt: "2023-12-18T08:00:00Z" });
    await saveDraft(
      { ...key, ownerId: "u2" },
      { sections: { results: "của người khác" }, savedAt: "2023-12-18T08:00:00Z" },
    );
    const again = await loadDraft(key);
    expect(again?.sections.results).toBe("Ngày 1: kết nạp 3 đoàn viên.");
    await saveDraft(key, {
      sections: { ...again?.sections, proposals: "Ngày 2: đề nghị hỗ trợ." },
      savedAt: "2023-12-19T08:00:00Z",
    });
    expect(await loadDraft(key)).toEqual({
      sections: { results: "Ngày 1: kết nạp 3 đoàn viên.", proposals: "Ngày 2: đề nghị hỗ trợ." },
      savedAt: "2023-12-19T08:00:00Z",
    });
    expect(await loadDraft({ ...key, unitId: "tam-duong-02" })).toBeUndefined();
    await deleteDraft(key);
    expect(await loadDraft(key)).toBeUndefined();
    expect((await loadDraft({ ...key, ownerId: "u2" }))?.sections.results).toBe("của người khác");
  });
});

describe("the outbox's wire form of a report", () => {
  it("carries sections and figures, and the server's schema accepts it", async () => {
    const pushed: PhaseReport[][] = [];
    vi.doMock("../../src/sync/api", () => ({
      pushReviews: async () => ({ ok: true, data: { results: [] } }),
      pushPhaseReports: async (_client: string, reports: PhaseReport[]) => {
        pushed.push(reports);
        return { ok: true, data: { results: reports.map((r) => ({ id: r.id, status: "stored" })) } };
      },
    }));
    const { useDatabase, LedgerDb } = await import("../../src/db/database");
    useDatabase(new LedgerDb(`wire-${Math.random()}`));
    const { savePhaseReport } = await import("../../src/db/supervision");
    const { drainSupervision } = await import("../../src/sync/supervision-outbox");
    const r: PhaseReport = {
      id: "0193a1b2-c3d4-7e5f-8a6b-000000000001",
      campaignId: "laichau-2023",
      phaseId: "year",
      unitId: "tam-duong-01",
      sections: [{ key: "results", text: "Kết nạp 7 đoàn viên." }],
      figures: [{ partId: "t1-1", achieved: 7 }],
      createdAt: "2023-12-20T02:00:00.000Z",
    };
    await savePhaseReport(r, "u1");
    expect(await drainSupervision("u1", "phone-1")).toMatchObject({ kind: "done", synced: 1 });
    expect(pushed).toEqual([[r]]);
    expect(phaseReport.safeParse(pushed[0]?.[0]).success).toBe(true);
    vi.doUnmock("../../src/sync/api");
  });
});
