/** One row of the ledger: date, unit, part, quantity (or the correction it makes), note, sync state. */
import type { LocalEntry } from "../../db/database";
import type { ReviewState } from "../../domain/supervision";
import { fmtDate, fmtNum, fmtSigned, t } from "../../i18n";
import { SyncBadge } from "../common/sync-badge";
import { ReviewBadge } from "./review-panel";

type Props = {
  entry: LocalEntry;
  unitName: string;
  partName: string;
  uom: string;
  /** The entry this one corrects, when it is on the phone. */
  corrected: LocalEntry | undefined;
  /** The entry's latest review state, if reviewed. */
  review?: ReviewState | undefined;
  /** What the entry's correction chain counts now, corrections on this phone included. */
  chainNet?: number | undefined;
};

/**
 * For an original entry that has been corrected since: "Đã hủy", or what it counts now. A row
 * that read "12 đoàn viên" after a correction to 4 looked like a live 12.
 */
function correctedNote(entry: LocalEntry, chainNet: number | undefined, uom: string): string | undefined {
  if (entry.correctsId !== undefined || entry.syncState === "rejected") return undefined;
  if (chainNet === undefined || chainNet === entry.quantity) return undefined;
  return chainNet === 0 ? t("ledger.voided") : t("ledger.nowCounts", { net: `${fmtNum(chainNet)} ${uom}`.trim() });
}

/** A tappable row that opens the entry's detail and history. */
export function LedgerRow({ entry, unitName, partName, uom, corrected, review, chainNet }: Props) {
  const note = correctedNote(entry, chainNet, uom);
  const quantity =
    entry.correctsId === undefined
      ? `${fmtNum(entry.quantity)} ${uom}`
      : t("ledger.correction", {
          delta: fmtSigned(entry.quantity),
          of: corrected ? `${fmtDate(corrected.date)} · ${fmtNum(corrected.quantity)}` : entry.correctsId.slice(0, 8),
        });
  return (
    <li>
      <a class="row" href={`#/ledger/${encodeURIComponent(entry.id)}`}>
        <span class="row-top">
          <time dateTime={entry.date}>{fmtDate(entry.date)}</time>
          <strong class={entry.correctsId ? "row-qty row-qty-corr" : "row-qty"}>{quantity}</strong>
        </span>
        <span class="row-unit">{unitName}</span>
        <span class="row-part">{partName}</span>
        {entry.note && <span class="row-note">{entry.note}</span>}
        <span class="row-badges">
          <SyncBadge entry={entry} />
          {note && <span class="badge badge-corrected">{note}</span>}
          {review && <ReviewBadge state={review} />}
        </span>
      </a>
    </li>
  );
}
