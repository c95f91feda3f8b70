/**
 * Reports on the phone: an officer drafts a grassroots union's year-end report offline over two
 * visits, proposes a person for commendation, and submits both when online; the district
 * supervisor quotes the report in the district's own, accepts the nomination, and downloads the
 * consolidated .docx.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { docxParagraphs } from "../support/docx-text";
import { ReportsPage } from "./pages/reports";
import { Shell } from "./pages/shell";
import { PHONE } from "./support/browser";
import { serverAndBrowser, signedInPage } from "./support/setup";

const world = serverAndBrowser([
  { username: "a.tamduong", name: "Lò Văn A", role: "officer", unitIds: ["tam-duong"] },
  { username: "huyen.tamduong", name: "Tòng Văn Hùng", role: "supervisor", unitIds: ["tam-duong"] },
]);

const RESULTS = "Kết quả nổi bật";
const PROPOSALS = "Đề xuất, kiến nghị";

describe("reports", () => {
  it("are drafted offline over two visits, submitted online, quoted above and downloaded as .docx", async () => {
    const officer = await world.browser.newContext(PHONE);
    const page = await signedInPage(officer, world.server.url, "a.tamduong");
    const reports = new ReportsPage(page);
    await reports.open(world.server.url);

    await officer.setOffline(true);
    await reports.write("tam-duong-01", "Cả năm");
    await reports.type("tam-duong-01", RESULTS, "Kết nạp 7 đoàn viên mới trong năm.");
    await reports.keepDraft("tam-duong-01");
    // A second visit, still offline: the draft is where it was left.
    await page.reload();
    await reports.open(world.server.url);
    await reports.write("tam-duong-01", "Cả năm");
    expect(await reports.section("tam-duong-01", RESULTS).inputValue()).toBe("Kết nạp 7 đoàn viên mới trong năm.");
    await reports.type("tam-duong-01", PROPOSALS, "Đề nghị hỗ trợ kinh phí Tháng Công nhân.");
    await reports.submit("tam-duong-01");
    expect(await reports.state("tam-duong-01", "year")).toBe("pending");

    await reports.nominate("tam-duong-01", {
      name: "Lò Thị Mai",
      award: "Bằng khen của Ban Chấp hành LĐLĐ tỉnh",
      achievements: "Vận động 7 đoàn viên mới",
    });

    await officer.setOffline(false);
    await new Shell(page).syncNow();
    await expect.poll(() => reports.state("tam-duong-01", "year"), { timeout: 30_000 }).toBe("synced");
    await new Shell(page).waitForPending(0, 30_000);

    const district = await world.browser.newContext({ ...PHONE, acceptDownloads: true });
    const pageD = await signedInPage(district, world.server.url, "huyen.tamduong");
    const reportsD = new ReportsPage(pageD);
    await reportsD.open(world.server.url);
    await reportsD.write("tam-duong", "Cả năm");
    await reportsD.quoteChildren("tam-duong");
    expect(await reportsD.section("tam-duong", RESULTS).inputValue()).toContain(
      "Công đoàn cơ sở Trường THCS Bình Lư: Kết nạp 7 đoàn viên mới trong năm.",
    );
    await reportsD.submit("tam-duong");
    await reportsD.accept("tam-duong-01", "Lò Thị Mai");

    const download = await reportsD.download("tam-duong", "Cả năm");
    const file = join(world.server.dataDir, "district.docx");
    await download.saveAs(file);
    const text = docxParagraphs(readFileSync(file)).join("\n");
    for (const phrase of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "TM. BAN THƯỜNG VỤ",
      "Nơi nhận:",
      "Kết nạp 7 đoàn viên mới trong năm.",
      "Đề nghị hỗ trợ kinh phí Tháng Công nhân.",
      "Lò Thị Mai",
    ]) {
      expect(text).toContain(phrase);
    }
    await officer.close();
    await district.close();
  });
});
