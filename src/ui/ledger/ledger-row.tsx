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
};

/** A tappable row that opens the entry's detail and history. */
export function LedgerRow({ entry, unitName, partName, uom, corrected, review }: Props) {
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
          {review && <ReviewBadge state={review} />}
        </span>
      </a>
    </li>
  );
}
