/**
 * The top of the ledger: the user's entries of this campaign that a supervisor marked "Cần bổ
 * sung" and nobody has answered yet (db/needs-answer.ts), newest review first; the
 * supervisor's comment is on the entry's detail. The list below leaves their rows out (one row
 * per entry, `belowOnTop`); once answered (a reply or a correction) they go back to their place in it.
 */

import { entriesAwaitingAnswer } from "../../db/needs-answer";
import { findPart } from "../../domain/ledger";
import type { Campaign } from "../../domain/schemas";
import type { UnitTree } from "../../domain/units";
import { t } from "../../i18n";
import { partLabel } from "../common/part-text";
import { useLive } from "../use-live";
import { asLedgerItems, type LedgerItem } from "./ledger-query";
import { LedgerRow } from "./ledger-row";

/** The user's entries of the campaign awaiting an answer as ledger rows, kept live (empty while loading). */
export function useAwaiting(campaignId: string | undefined, userId: string | undefined): LedgerItem[] {
  const rows = useLive(async (): Promise<LedgerItem[]> => {
    if (userId === undefined) return [];
    const mine = (await entriesAwaitingAnswer(userId)).filter(({ entry }) => entry.campaignId === campaignId);
    return asLedgerItems(
      mine.map(({ entry }) => entry),
      () => "has-issues",
    );
  }, [campaignId, userId]);
  return rows ?? [];
}

type Props = {
  campaign: Campaign;
  tree: UnitTree;
  items: readonly LedgerItem[];
  /** Who recorded an entry, as the ledger names them. */
  authorOf: (ownerId: string) => string;
};

/** The entries awaiting an answer, or nothing. */
export function AwaitingRows({ campaign, tree, items, authorOf }: Props) {
  if (items.length === 0) return null;
  return (
    <section class="awaiting" aria-labelledby="awaiting-title" data-testid="ledger-awaiting-rows">
      <h2 id="awaiting-title" class="section-title">
        {t("ledger.awaitingTitle", { n: items.length })}
      </h2>
      <ul class="rows">
        {items.map((item) => {
          const part = findPart(campaign, item.entry.partId);
          return (
            <LedgerRow
              key={item.entry.id}
              item={item}
              unitName={tree.get(item.entry.unitId)?.name ?? item.entry.unitId}
              partName={partLabel(campaign, item.entry.partId)}
              uom={part?.kind === "percent" ? t("ledger.doneUom") : (part?.unitOfMeasure ?? "")}
              author={authorOf(item.entry.ownerId)}
            />
          );
        })}
      </ul>
      <h2 class="section-title">{t("ledger.allTitle")}</h2>
    </section>
  );
}
