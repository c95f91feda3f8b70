/** The top bar says one consistent thing: what waits, what was refused, whether the server answered. */
import { beforeAll, describe, expect, it } from "vitest";
import { loadScreenMessages } from "../../src/i18n";
import { reachOf, reachText, type SyncFacts, waitingText } from "../../src/ui/shell/sync-status";

const base: SyncFacts = {
  online: true,
  busy: "idle",
  progress: null,
  pending: 0,
  pendingRecords: 0,
  rejected: 0,
  lastSyncAt: "2026-12-04T02:51:00.000Z",
  error: null,
  sessionExpired: false,
};

beforeAll(() => loadScreenMessages());

describe("status sentence", () => {
  it("never says the server is reached when it did not answer, whatever the browser thinks", () => {
    expect(reachOf(base)).toBe("reached");
    expect(reachOf({ ...base, error: "network" })).toBe("unreachable");
    expect(reachText({ ...base, error: "network" })).toBe("Chưa kết nối được máy chủ");
    expect(reachOf({ ...base, online: false })).toBe("offline");
    expect(reachOf({ ...base, lastSyncAt: null })).toBe("unknown");
  });

  it("does not say all is sent while refused entries wait to be looked at", () => {
    expect(waitingText(base)).toBe("Đã gửi hết");
    expect(waitingText({ ...base, rejected: 1 })).toBe("");
    expect(waitingText({ ...base, pending: 3, rejected: 1 })).toBe("3 mục chờ gửi");
  });

  it("says what is being sent while a sync runs, and when the session is over", () => {
    expect(reachText({ ...base, busy: "pushing", progress: { sent: 120, total: 500 } })).toBe("Đã gửi 120 / 500");
    expect(reachText({ ...base, sessionExpired: true, error: "session-expired" })).toBe("Phiên đăng nhập đã hết hạn");
  });
});
