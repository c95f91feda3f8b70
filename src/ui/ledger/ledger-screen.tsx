/** The ledger on the phone, newest first, filterable by unit and part; a row opens its history. */

import { signal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { LocalEntry } from "../../db/database";
import { type LedgerFilter, ledgerMatcher, listEntries } from "../../db/entries";
import { chainNets, getEntries, reviewStates } from "../../db/ui-queries";
import { findPart } from "../../domain/ledger";
import type { ReviewState } from "../../domain/supervision";
import { t } from "../../i18n";
import { rejectedSeen } from "../../sync/scheduler";
import { CampaignSwitcher, ClosedCampaignNotice } from "../common/campaign-switcher";
import { PartSelect } from "../common/part-select";
import { partLabel } from "../common/part-text";
import { ScreenHeading } from "../common/screen-heading";
import { UnitSelect } from "../common/unit-select";
import { campaign as currentCampaign, scopeUnits, tree } from "../state/reference";
import { profile } from "../state/session";
import { useLive } from "../use-live";
import { AwaitingRows, useAwaiting } from "./awaiting-rows";
import { EntryDetail } from "./entry-detail";
import { LedgerRow } from "./ledger-row";

const PAGE = 100;
const unitFilter = signal<string | undefined>(undefined);
const partFilter = signal<string | undefined>(undefined);
const limit = signal(PAGE);
/** Which entries by their review: all, those returned "Cần bổ sung", not reviewed yet, or approved. */
type ReviewFilter = "all" | "has-issues" | "unreviewed" | "approved";
const reviewFilter = signal<ReviewFilter>("all");

/**
 * The newest entries matching the filters, with the review states it read (all of them when the
 * review filter is on). An entry returned for more, or approved, is found from the reviews (few)
 * rather than by scanning the ledger for them.
 */
async function filteredEntries(
  f: LedgerFilter,
  review: ReviewFilter,
): Promise<{ entries: LocalEntry[]; states?: Map<string, ReviewState> }> {
  if (review === "all") return { entries: await listEntries(f) };
  const states = await reviewStates();
  if (review === "unreviewed") {
    return {
      entries: await listEntries({ ...f, only: (e) => !states.has(e.id) && e.syncState !== "rejected" }),
      states,
    };
  }
  const ids = [...states].flatMap(([id, state]) => (state === review ? [id] : []));
  const entries = (await getEntries(ids))
    .filter(ledgerMatcher(f))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, f.limit ?? PAGE);
  return { entries, states };
}

/** The ledger list, or one entry's detail when `entryId` is given. */
export function LedgerScreen({ entryId }: { entryId?: string | undefined }) {
  if (entryId) return <EntryDetail entryId={entryId} />;
  return <LedgerList />;
}

function LedgerList() {
  // Refused entries are flagged here with their reason: the bar's "bị từ chối" has been answered.
  useEffect(rejectedSeen, []);
  const campaign = currentCampaign.value;
  const unitTree = tree.value;
  const unitId = unitFilter.value;
  const partId = partFilter.value;
  const max = limit.value;
  const review = reviewFilter.value;
  const data = useLive(async () => {
    const { entries, states } = await filteredEntries(
      { unitId, partId, campaignId: campaign?.id, limit: max, viewerId: profile.value?.id },
      review,
    );
    const have = new Set(entries.map((e) => e.id));
    const missing = [
      ...new Set(entries.flatMap((e) => (e.correctsId && !have.has(e.correctsId) ? [e.correctsId] : []))),
    ];
    const refs = new Map([...entries, ...(await getEntries(missing))].map((e) => [e.id, e]));
    const reviews = states ?? (await reviewStates(entries.map((e) => e.id)));
    const nets = await chainNets(entries.map((e) => e.rootId));
    return { entries, refs, reviews, nets };
  }, [campaign?.id, unitId, partId, max, review, profile.value?.id]);

  // Entries marked "Cần bổ sung" and not answered stand on top, once (awaiting-rows.tsx).
  const awaiting = useAwaiting(campaign?.id, profile.value?.id);
  const onTop = new Set(awaiting.map((e) => e.id));
  if (!campaign) return <p class="screen loading">{t("common.loading")}</p>;
  return (
    <div class="screen ledger">
      <ScreenHeading>{t("ledger.title")}</ScreenHeading>
      <CampaignSwitcher />
      <ClosedCampaignNotice />
      <div class="filters">
        <UnitSelect
          id="ledger-unit"
          label={t("ledger.unit")}
          allLabel={t("ledger.allUnits")}
          units={scopeUnits.value}
          value={unitId}
          onChange={(v) => {
            unitFilter.value = v;
            limit.value = PAGE;
          }}
        />
        <div class="field">
          <label for="ledger-part">{t("ledger.part")}</label>
          <PartSelect
            id="ledger-part"
            campaign={campaign}
            value={partId}
            emptyLabel={t("ledger.allParts")}
            onChange={(v) => {
              partFilter.value = v;
              limit.value = PAGE;
            }}
          />
        </div>
        <div class="field">
          <label for="ledger-review">{t("ledger.review")}</label>
          <select
            id="ledger-review"
            value={review}
            onChange={(e) => {
              reviewFilter.value = e.currentTarget.value as ReviewFilter;
              limit.value = PAGE;
            }}
          >
            <option value="all">{t("ledger.reviewAll")}</option>
            <option value="has-issues">{t("ledger.reviewIssues")}</option>
            <option value="unreviewed">{t("ledger.reviewNone")}</option>
            <option value="approved">{t("ledger.reviewApproved")}</option>
          </select>
        </div>
      </div>
      <AwaitingRows campaign={campaign} tree={unitTree} entries={awaiting} />
      {!data ? (
        <p class="loading">{t("common.loading")}</p>
      ) : data.entries.length === 0 ? (
        <div class="notice">
          <p>{unitId || partId || review !== "all" ? t("ledger.emptyFiltered") : t("ledger.empty")}</p>
          <a class="btn btn-primary" href="#/entry">
            {t("ledger.add")}
          </a>
        </div>
      ) : (
        <>
          <p class="muted small" aria-live="polite">
            {t("ledger.count", { n: data.entries.length })}
          </p>
          <ul class="rows">
            {data.entries
              .filter((e) => !onTop.has(e.id))
              .map((e) => {
                const part = findPart(campaign, e.partId);
                return (
                  <LedgerRow
                    key={e.id}
                    entry={e}
                    unitName={unitTree.get(e.unitId)?.name ?? e.unitId}
                    partName={partLabel(campaign, e.partId)}
                    uom={part?.kind === "percent" ? t("ledger.doneUom") : (part?.unitOfMeasure ?? "")}
                    corrected={e.correctsId ? data.refs.get(e.correctsId) : undefined}
                    review={data.reviews.get(e.id)}
                    chainNet={data.nets.get(e.rootId)}
                  />
                );
              })}
          </ul>
          {data.entries.length >= max && (
            <button type="button" class="btn btn-block" onClick={() => (limit.value = max + PAGE)}>
              {t("ledger.more")}
            </button>
          )}
        </>
      )}
    </div>
  );
}
