/** Every error code of the contract has its own sentence in both languages; the server's English message is never shown. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodes } from "../../src/domain/api";
import { applyLang, loadScreenMessages } from "../../src/i18n";
import { errorText, type Failure } from "../../src/ui/common/error-text";
import { adminErrorText } from "../../src/ui/users/admin-api";

const failure = (code: string, status = 400, path?: string): Failure => ({
  ok: false,
  status,
  code,
  message: "you cannot disable yourself",
  ...(path === undefined ? {} : { path }),
});

describe("error text", () => {
  beforeAll(async () => {
    (globalThis as { document?: unknown }).document ??= { documentElement: {} };
    await loadScreenMessages();
  });
  afterAll(() => applyLang("vi"));

  it("says each code in its own Vietnamese sentence, never the key or the server's message", () => {
    const sentences = errorCodes.map((code) => errorText(failure(code)));
    for (const [i, text] of sentences.entries()) {
      expect(text, errorCodes[i]).not.toMatch(/apiErr|disable yourself/);
      expect(text.length, errorCodes[i]).toBeGreaterThan(10);
    }
    expect(new Set(sentences).size).toBe(errorCodes.length);
    expect(errorText(failure("network", 0))).toBe("Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.");
    expect(errorText({ ...failure("throttled", 429), retryAfter: 30 })).toMatch(/sau 30 giây/);
    // A code this app does not know (a newer server): the status, in words.
    expect(errorText(failure("brand-new", 418))).toBe("Máy chủ báo lỗi (mã 418). Hãy thử lại sau.");
  });

  it("tells the admin what to fix on the users screen", () => {
    expect(adminErrorText(failure("invalid", 400, "disabled"))).toBe("Bạn không thể tự khóa tài khoản của chính mình.");
    expect(adminErrorText(failure("invalid", 400, "role"))).toBe("Bạn không thể tự bỏ quyền quản trị của chính mình.");
    expect(adminErrorText(failure("username-taken", 409, "username"))).toBe("Tên đăng nhập này đã có người dùng.");
    expect(adminErrorText(failure("unknown-unit", 400, "unitIds.1"))).toBe("Có đơn vị không tồn tại trên máy chủ.");
  });

  it("has every sentence in English too", async () => {
    await applyLang("en");
    for (const code of errorCodes) expect(errorText(failure(code)), code).not.toMatch(/apiErr|[ạảấầẩẫậắằẳẵặ]/);
  });
});
