/**
 * The ledger on the phone: one row per entry with its current value, newest recorded first,
 * filterable (behind "Lọc") by unit, part and review; a row opens the entry's detail and history.
 */

import { signal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { authorName, getSetting } from "../../db/settings";
import { findPart } from "../../domain/ledger";
import { t } from "../../i18n";
import { rejectedSeen } from "../../sync/scheduler";
import { CampaignSwitcher, ClosedCampaignNotice } from "../common/campaign-switcher";
import { partLabel } from "../common/part-text";
import { ScreenHeading } from "../common/screen-heading";
import { campaign as currentCampaign, tree } from "../state/reference";
import { profile } from "../state/session";
import { useLive } from "../use-live";
import { AwaitingRows, useAwaiting } from "./awaiting-rows";
import { EntryDetail } from "./entry-detail";
import { LedgerFilters } from "./ledger-filters";
import { belowOnTop, ledgerItems, type ReviewFilter } from "./ledger-query";
import { LedgerRow } from "./ledger-row";

const PAGE = 100;
const unitFilter = signal<string | undefined>(undefined);
const partFilter = signal<string | undefined>(undefined);
const reviewFilter = signal<ReviewFilter>("all");
const limit = signal(PAGE);

/** The ledger list, or one entry's detail when `entryId` is given. */
export function LedgerScreen({ entryId }: { entryId?: string | undefined }) {
  if (entryId) return <EntryDetail entryId={entryId} />;
  return <LedgerList />;
}

/** Change one filter and start again from the first page. */
function refilter<T>(s: { value: T }): (v: T) => void {
  return (v) => {
    s.value = v;
    limit.value = PAGE;
  };
}

function LedgerList() {
  // Refused entries are flagged here with their reason: the bar's "bị từ chối" has been answered.
  useEffect(rejectedSeen, []);
  const campaign = currentCampaign.value;
  const unitTree = tree.value;
  const me = profile.value;
  const unitId = unitFilter.value;
  const partId = partFilter.value;
  const max = limit.value;
  const review = reviewFilter.value;
  const data = useLive(
    async () => ({
      items: await ledgerItems({ unitId, partId, campaignId: campaign?.id, limit: max, viewerId: me?.id }, review),
      people: (await getSetting("people")) ?? {},
    }),
    [campaign?.id, unitId, partId, max, review, me?.id],
  );

  // Entries marked "Cần bổ sung" and not answered stand on top, once (awaiting-rows.tsx).
  const awaiting = useAwaiting(campaign?.id, me?.id);
  const authorOf = (people: Parameters<typeof authorName>[1]) => (ownerId: string) =>
    authorName(ownerId, people, me, t("ledger.someoneElse"));
  if (!campaign) return <p class="screen loading">{t("common.loading")}</p>;
  return (
    <div class="screen ledger">
      <ScreenHeading>{t("ledger.title")}</ScreenHeading>
      <CampaignSwitcher />
      <ClosedCampaignNotice />
      <LedgerFilters
        campaign={campaign}
        unitId={unitId}
        partId={partId}
        review={review}
        onUnit={refilter(unitFilter)}
        onPart={refilter(partFilter)}
        onReview={refilter(reviewFilter)}
      />
      {data && <AwaitingRows campaign={campaign} tree={unitTree} items={awaiting} authorOf={authorOf(data.people)} />}
      {!data ? (
        <p class="loading">{t("common.loading")}</p>
      ) : data.items.length === 0 ? (
        <div class="notice">
          <p>{unitId || partId || review !== "all" ? t("ledger.emptyFiltered") : t("ledger.empty")}</p>
          <a class="btn btn-primary" href="#/entry">
            {t("ledger.add")}
          </a>
        </div>
      ) : (
        <>
          <p class="muted small" aria-live="polite">
            {t("ledger.count", { n: data.items.length })}
          </p>
          <ul class="rows">
            {belowOnTop(data.items, awaiting).map((item) => {
              const e = item.entry;
              const part = findPart(campaign, e.partId);
              return (
                <LedgerRow
                  key={e.id}
                  item={item}
                  unitName={unitTree.get(e.unitId)?.name ?? e.unitId}
                  partName={partLabel(campaign, e.partId)}
                  uom={part?.kind === "percent" ? t("ledger.doneUom") : (part?.unitOfMeasure ?? "")}
                  author={authorOf(data.people)(e.ownerId)}
                />
              );
            })}
          </ul>
          {data.items.length >= max && (
            <button type="button" class="btn btn-block" onClick={() => (limit.value = max + PAGE)}>
              {t("ledger.more")}
            </button>
          )}
        </>
      )}
    </div>
  );
}
