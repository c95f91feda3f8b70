import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import {
  allocationLookup,
  applyPulledSupervision,
  applyRecordResults,
  listPhaseReports,
  pendingRecords,
  reviewsOf,
  savePhaseReport,
  saveReview,
} from "../../src/db/supervision";
import { freshDatabaseForEachTest } from "../support/fresh-db";

freshDatabaseForEachTest("sup");

const id = (n: number) => `0193a1b2-c3d4-7e5f-8a6b-${n.toString(16).padStart(12, "0")}`;

describe("reviews and phase reports on the phone", () => {
  it("wait as pending until the server answers, and a rejected one stays flagged", async () => {
    await saveReview(
      { id: id(1), entryId: id(100), state: "approved", createdAt: "2023-05-01T00:00:00.000Z" },
      "sup",
      "Chị Hoa",
    );
    await savePhaseReport(
      {
        id: id(2),
        campaignId: "laichau-2023",
        phaseId: "dot-1",
        unitId: "tam-duong-01",
        createdAt: "2023-06-30T00:00:00.000Z",
      },
      "off",
    );
    expect(await pendingRecords("reviews", "sup", 10)).toHaveLength(1);
    expect(await pendingRecords("phaseReports", "sup", 10)).toHaveLength(0);
    await applyRecordResults("reviews", [{ id: id(1), status: "rejected", reason: "forbidden" }]);
    expect((await reviewsOf(id(100)))[0]).toMatchObject({ syncState: "rejected", rejectReason: "forbidden" });
    await applyRecordResults("phaseReports", [{ id: id(2), status: "stored" }]);
    expect((await listPhaseReports("laichau-2023", "dot-1"))[0]?.syncState).toBe("synced");
  });

  it("takes pulled reviews as history and replaces allocations with the server's", async () => {
    await applyPulledSupervision(
      [
        {
          id: id(3),
          entryId: id(100),
          state: "has-issues",
          comment: "Thiếu biên bản",
          createdAt: "2023-05-01T00:00:00.000Z",
          reviewerId: "s",
          reviewerName: "Chị Hoa",
          receivedAt: "2023-05-01T00:00:01.000Z",
        },
        {
          id: id(4),
          entryId: id(100),
          state: "approved",
          createdAt: "2023-05-02T00:00:00.000Z",
          reviewerId: "s",
          reviewerName: "Chị Hoa",
          receivedAt: "2023-05-02T00:00:01.000Z",
        },
      ],
      [],
      [{ campaignId: "laichau-2023", partId: "t1-1", unitId: "tam-duong", goal: 20 }],
    );
    expect((await reviewsOf(id(100))).map((r) => r.state)).toEqual(["has-issues", "approved"]);
    expect((await allocationLookup("laichau-2023"))("tam-duong", "t1-1")).toBe(20);
    await applyPulledSupervision(
      [],
      [],
      [{ campaignId: "laichau-2023", partId: "t1-1", unitId: "phong-tho", goal: 15 }],
    );
    const lookup = await allocationLookup("laichau-2023");
    expect(lookup("tam-duong", "t1-1")).toBeUndefined();
    expect(lookup("phong-tho", "t1-1")).toBe(15);
  });
});
