/**
 * One row of the ledger: one entry with its current value. A corrected entry shows what it counts
 * now and says "Đã sửa"; a voided one shows its old figure struck through (not bold) and says
 * "Đã hủy"; the corrections themselves are in the entry's history, a tap away.
 */
import { fmtDate, fmtNum, fmtSigned, fmtTime, t } from "../../i18n";
import { SyncBadge } from "../common/sync-badge";
import type { LedgerItem } from "./ledger-query";
import { ReviewBadge } from "./review-panel";

type Props = {
  item: LedgerItem;
  unitName: string;
  partName: string;
  uom: string;
  /** Who recorded the entry. */
  author: string;
};

type Shown = { quantity: string; mark?: "corrected" | "voided"; was?: string };

/** What the row's figure says: the chain's net, or the struck old figure of a voided entry. */
function shown(item: LedgerItem, uom: string): Shown {
  const e = item.entry;
  const withUom = (n: number) => `${fmtNum(n)} ${uom}`.trim();
  // A refused correction joined no chain: it shows the change it tried to make.
  if (e.correctsId !== undefined) return { quantity: t("ledger.refusedCorrection", { delta: fmtSigned(e.quantity) }) };
  const net = item.net ?? e.quantity;
  if (net === e.quantity) return { quantity: withUom(net) };
  if (net === 0) return { quantity: withUom(e.quantity), mark: "voided" };
  return { quantity: withUom(net), mark: "corrected", was: withUom(e.quantity) };
}

/** A tappable row that opens the entry's detail and history. */
export function LedgerRow({ item, unitName, partName, uom, author }: Props) {
  const e = item.entry;
  const s = shown(item, uom);
  return (
    <li>
      <a class="row" href={`#/ledger/${encodeURIComponent(e.id)}`} data-mark={s.mark ?? "none"}>
        <span class="row-top">
          <span class="row-when">{t("ledger.recordedAt", { time: fmtTime(e.createdAt) })}</span>
          {s.mark === "voided" ? (
            <span class="row-qty row-qty-void">{s.quantity}</span>
          ) : (
            <strong class="row-qty">{s.quantity}</strong>
          )}
        </span>
        <span class="row-unit">{unitName}</span>
        <span class="row-part">{partName}</span>
        <span class="row-meta">{t("ledger.dateAndAuthor", { date: fmtDate(e.date), name: author })}</span>
        {e.note && <span class="row-note">{e.note}</span>}
        <span class="row-badges">
          <SyncBadge entry={e} />
          {item.fixPending && <span class="badge badge-pending">{t("detail.fixPending")}</span>}
          {s.mark === "voided" && <span class="badge badge-corrected">{t("ledger.voided")}</span>}
          {s.mark === "corrected" && (
            <span class="badge badge-corrected">{t("ledger.corrected", { was: s.was ?? "" })}</span>
          )}
          {item.review && <ReviewBadge state={item.review} />}
        </span>
      </a>
    </li>
  );
}
