/**
 * The fixed wording of a report document (Nghị định 30/2020/NĐ-CP, Phụ lục I): the national
 * title and motto, the signature and recipients lines, and the headings the report builder
 * uses. Data, kept apart from the builder so the rules read without the Vietnamese.
 */
import type { SectionKey } from "./reports";

export const WORDING = {
  nation: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  motto: "Độc lập - Tự do - Hạnh phúc",
  /** The body above a provincial federation (its issuing body line). */
  rootIssuer: "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM",
  rootRecipient: "Tổng Liên đoàn Lao động Việt Nam (b/c);",
  archive: "Lưu: VT.",
  recipientsHeading: "Nơi nhận:",
  numberPrefix: "Số:",
  reportKind: "BC",
  defaultShortName: { upper: "LĐLĐ", grassroots: "CĐCS" },
  title: "BÁO CÁO",
  yearTitle: (year: number) => `Tổng kết phong trào thi đua năm ${year}`,
  phaseTitle: (phaseName: string, year: number) => `Sơ kết ${phaseName} phong trào thi đua năm ${year}`,
  yearWork: (year: number) => `tổng kết phong trào thi đua năm ${year}`,
  phaseWork: (phaseName: string, year: number) => `sơ kết ${phaseName} phong trào thi đua năm ${year}`,
  intro: (code: string, issuedOn: string, issuedBy: string, unitName: string, work: string) =>
    `Thực hiện Phát động thi đua số ${code} ngày ${issuedOn} của ${issuedBy}, ${unitName} báo cáo kết quả ${work} như sau:`,
  date: (place: string, day: string, month: string, year: string) =>
    `${place === "" ? "" : `${place}, `}ngày ${day} tháng ${month} năm ${year}`,
  onBehalf: { upper: "TM. BAN THƯỜNG VỤ", grassroots: "TM. BAN CHẤP HÀNH" },
  signerTitle: "CHỦ TỊCH",
  figuresHeading: "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU THI ĐUA",
  figureColumns: ["TT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu giao", "Kết quả", "Đánh giá"],
  met: "Đạt",
  notMet: "Chưa đạt",
  noGoal: "—",
  /** After a child's name when its report reached the server after the deadline. */
  late: " (nộp muộn)",
  sectionHeadings: {
    results: "KẾT QUẢ NỔI BẬT",
    movements: "KẾT QUẢ CÁC PHONG TRÀO THI ĐUA",
    difficulties: "KHÓ KHĂN, VƯỚNG MẮC",
    proposals: "ĐỀ XUẤT, KIẾN NGHỊ",
  } satisfies Record<SectionKey, string>,
  nominationsHeading: "ĐỀ NGHỊ KHEN THƯỞNG",
  nominationGroups: { collective: "Tập thể", individual: "Cá nhân" },
  nominationColumns: ["TT", "Tên tập thể, cá nhân", "Đơn vị đề nghị", "Thành tích", "Hình thức khen thưởng"],
} as const;

/** Roman numerals for the document's part headings (I, II, …); a report has a handful. */
export function roman(n: number): string {
  const table: [number, string][] = [
    [10, "X"],
    [9, "IX"],
    [5, "V"],
    [4, "IV"],
    [1, "I"],
  ];
  let out = "";
  let rest = n;
  for (const [value, letters] of table) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}
