/**
 * A report document (src/domain/report-document.ts) as a Word file, laid out as Nghị định
 * 30/2020/NĐ-CP lays out an administrative document: A4, margins 20/20/30/15 mm, Times New Roman
 * 13–14; the issuing bodies and number on the left of the first block, the national title and
 * motto and the place and date on the right; the title centred; the body justified with a first
 * line indent; the recipients on the left of the last block and the signer's title on the right.
 *
 * Outside the domain because it needs the `docx` library (pinned at 9.7.0: later versions pull
 * nanoid 6, which needs Node 22); the server's `report-docx` command imports it directly, the app
 * only on the screen that downloads a report (a lazy chunk, never in the first screen).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import type { FigureRow, NominationLine, ReportDocument } from "../domain/report-document";

/** Half-points: 14 pt body, 13 pt tables and the blocks beside each other. */
const BODY = 28;
const SMALL = 26;
const FONT = "Times New Roman";
/** A4 less the left (30 mm) and right (15 mm) margins, in twentieths of a point. */
const TEXT_WIDTH = 11906 - 1701 - 850;

/** The header's left block's share of the width: the rest keeps Quốc hiệu on one line at 13 pt. */
const HEADER_LEFT = 0.38;

const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const LINE = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;

type RunStyle = { bold?: boolean; italics?: boolean; underline?: boolean; size?: number };

function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({
    text,
    font: FONT,
    size: style.size ?? BODY,
    bold: style.bold ?? false,
    italics: style.italics ?? false,
    ...(style.underline ? { underline: {} } : {}),
  });
}

/** A centred line of the header or signature blocks. */
function centred(text: string, style: RunStyle = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, { size: SMALL, ...style })] });
}

/** The short rule under a name or motto: a bottom border on an empty paragraph, indented to a third. */
function rule(widthTwips: number): Paragraph {
  const indent = Math.round(widthTwips / 3);
  return new Paragraph({
    indent: { left: indent, right: indent },
    border: { bottom: LINE },
    spacing: { after: 120 },
    children: [],
  });
}

/** A body paragraph: justified, first line indented 1 cm, 6 pt after. */
function body(children: ParagraphChild[]): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 567 },
    spacing: { before: 60, after: 60, line: 300 },
    children,
  });
}

function heading(text: string): Paragraph {
  return new Paragraph({
    spacing: { before: 180, after: 60 },
    indent: { firstLine: 567 },
    children: [run(text, { bold: true })],
  });
}

/** Two blocks side by side, no borders: the header and the signature. */
function sideBySide(left: Paragraph[], right: Paragraph[], leftShare: number): Table {
  const leftWidth = Math.round(TEXT_WIDTH * leftShare);
  const cell = (children: Paragraph[], width: number) =>
    new TableCell({
      borders: NO_BORDERS,
      width: { size: width, type: WidthType.DXA },
      margins: { left: 0, right: 0 },
      children,
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftWidth, TEXT_WIDTH - leftWidth],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, leftWidth), cell(right, TEXT_WIDTH - leftWidth)] })],
  });
}

function header(doc: ReportDocument): Table {
  const h = doc.header;
  const leftWidth = Math.round(TEXT_WIDTH * HEADER_LEFT);
  const left = [centred(h.issuer), centred(h.unit, { bold: true }), rule(leftWidth), centred(h.number)];
  const right = [
    centred(h.nation, { bold: true }),
    centred(h.motto, { bold: true, underline: true, size: BODY }),
    new Paragraph({ spacing: { after: 60 }, children: [] }),
    centred(h.placeDate, { italics: true, size: BODY }),
  ];
  return sideBySide(left, right, HEADER_LEFT);
}

/** A column of a bordered table: its share of the width, and whether its text is left-aligned. */
type Column = { share: number; left?: boolean };

/** A bordered table of text cells, the first row bold and repeated on each page. */
function grid(columns: readonly string[], rows: string[][], layout: Column[]): Table {
  const total = layout.reduce((a, c) => a + c.share, 0);
  const twips = layout.map((c) => Math.round((TEXT_WIDTH * c.share) / total));
  const cellOf = (text: string, i: number, bold: boolean) =>
    new TableCell({
      width: { size: twips[i] ?? 0, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 60, right: 60, top: 30, bottom: 30 },
      children: [
        new Paragraph({
          alignment: !bold && layout[i]?.left ? AlignmentType.LEFT : AlignmentType.CENTER,
          children: [run(text, { bold, size: SMALL })],
        }),
      ],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: twips,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c, i) => cellOf(c, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cellOf(c, i, false)) })),
    ],
  });
}

const FIGURE_COLUMNS: Column[] = [
  { share: 6 },
  { share: 40, left: true },
  { share: 14 },
  { share: 11 },
  { share: 16 },
  { share: 13 },
];
const NOMINATION_COLUMNS: Column[] = [
  { share: 6 },
  { share: 22, left: true },
  { share: 22, left: true },
  { share: 30, left: true },
  { share: 20, left: true },
];

const figureCells = (r: FigureRow) => [r.number, r.part, r.unitOfMeasure, r.goal, r.achieved, r.verdictText];

function nominationCells(items: NominationLine[]): string[][] {
  return items.map((n, i) => [String(i + 1), n.name, n.unitName, n.achievements, n.award]);
}

function signature(doc: ReportDocument): Table {
  const recipients = [
    new Paragraph({ children: [run(doc.recipients.heading, { bold: true, italics: true, size: SMALL })] }),
    ...doc.recipients.lines.map((line) => new Paragraph({ children: [run(`- ${line}`, { size: SMALL })] })),
  ];
  const signer = [
    centred(doc.signature.onBehalf, { bold: true, size: BODY }),
    centred(doc.signature.title, { bold: true, size: BODY }),
    // Room for the signature and seal.
    new Paragraph({ spacing: { after: 1400 }, children: [] }),
  ];
  return sideBySide(recipients, signer, 0.5);
}

/** The Word document of a report. */
export function reportDocx(doc: ReportDocument): Document {
  const children: (Paragraph | Table)[] = [
    header(doc),
    new Paragraph({
      spacing: { before: 240 },
      alignment: AlignmentType.CENTER,
      children: [run(doc.title, { bold: true })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(doc.subtitle, { bold: true })] }),
    rule(TEXT_WIDTH),
    body([run(doc.intro)]),
    heading(doc.figures.heading),
    grid(doc.figures.columns, doc.figures.rows.map(figureCells), FIGURE_COLUMNS),
  ];
  for (const section of doc.sections) {
    children.push(heading(section.heading));
    for (const p of section.paragraphs) {
      children.push(body(p.lead ? [run(`${p.lead} `, { bold: true, italics: true }), run(p.text)] : [run(p.text)]));
    }
  }
  if (doc.nominations) {
    children.push(heading(doc.nominations.heading));
    doc.nominations.groups.forEach((g, i) => {
      children.push(body([run(`${i + 1}. ${g.heading}`, { bold: true })]));
      children.push(grid(doc.nominations?.columns ?? [], nominationCells(g.items), NOMINATION_COLUMNS));
    });
  }
  children.push(new Paragraph({ spacing: { before: 240 }, children: [] }), signature(doc));
  return new Document({
    creator: "Sổ Thi Đua",
    title: `${doc.title} ${doc.subtitle}`,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1701, right: 850 },
          },
        },
        children,
      },
    ],
  });
}

/** The .docx file's bytes. */
export async function renderReportDocx(doc: ReportDocument): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await Packer.toArrayBuffer(reportDocx(doc)));
}
