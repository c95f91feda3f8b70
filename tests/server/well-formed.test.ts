/**
 * Half an emoji (a lone UTF-16 surrogate) cannot be stored as sent: UTF-8 storage turns it into
 * U+FFFD, and the phone's retry after a lost answer was then refused as `conflict`. Such text is
 * refused as `invalid`, naming the field, in entries, reviews, phase reports, user names and
 * client ids; a whole emoji is stored and its retry is a `duplicate`.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachStore, makeEntry, startTestServer, type TestServer } from "./helpers";
import { makeReport, makeReview, postReports, postReviews } from "./supervision-support";

const HALF = "😀".slice(0, 1);

describeEachStore("text that is not well-formed", () => {
  let s: TestServer;
  let officer: string;
  let supervisor: string;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer();
    officer = await s.login("tamduong");
    supervisor = await s.login("supervisor");
    admin = await s.login("admin");
  });
  afterAll(() => s.close());

  it("an entry whose note holds half an emoji is rejected invalid at note; a whole one is stored, then duplicate", async () => {
    const half = makeEntry({ note: `Hội nghị ${HALF}` });
    const whole = makeEntry({ note: "Hội nghị 😀" });
    const r = await s.push(officer, [half, whole]);
    expect(r.status).toBe(200);
    expect(r.body.results).toEqual([
      { id: half.id, status: "rejected", reason: "invalid", path: "note" },
      { id: whole.id, status: "stored" },
    ]);
    const retry = await s.push(officer, [whole]);
    expect(retry.body.results).toEqual([{ id: whole.id, status: "duplicate" }]);
  });

  it("reviews and phase reports with half an emoji are rejected invalid at the field", async () => {
    const e = makeEntry();
    expect((await s.push(officer, [e])).body.results[0].status).toBe("stored");
    const review = await postReviews(s, supervisor, [
      makeReview(e.id, { state: "has-issues", comment: `xem lại ${HALF}` }),
    ]);
    expect(review.body.results[0]).toMatchObject({ status: "rejected", reason: "invalid", path: "comment" });
    const report = await postReports(s, officer, [makeReport({ note: `${HALF}` })]);
    expect(report.body.results[0]).toMatchObject({ status: "rejected", reason: "invalid", path: "note" });
  });

  it("a user name or a client id with half an emoji is refused 400 invalid", async () => {
    const user = await s.call("POST", "/api/v1/admin/users", {
      cookie: admin,
      json: { username: "hoa", name: `Hoa ${HALF}`, role: "officer", unitIds: ["tam-duong"], password: "mat-khau-dai" },
    });
    expect(user.status).toBe(400);
    expect(user.body.error).toMatchObject({ code: "invalid", path: "name" });
    const push = await s.push(officer, [makeEntry()], `phone-${HALF}`);
    expect(push.status).toBe(400);
    expect(push.body.error).toMatchObject({ code: "invalid", path: "clientId" });
  });
});
