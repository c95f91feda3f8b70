/**
 * The top of the ledger: the user's entries of this campaign that a supervisor marked "Cần bổ
 * sung" and nobody has answered yet (db/needs-answer.ts), newest review first; the
 * supervisor's comment is on the entry's detail. The list below leaves them out (one row per
 * entry); once answered (a reply or a correction) they go back to their place in it.
 */
import type { LocalEntry } from "../../db/database";
import { entriesAwaitingAnswer } from "../../db/needs-answer";
import type { Campaign } from "../../domain/schemas";
import type { UnitTree } from "../../domain/units";
import { t } from "../../i18n";
import { partLabel } from "../common/part-text";
import { useLive } from "../use-live";
import { LedgerRow } from "./ledger-row";

/** The user's entries of the campaign awaiting an answer, kept live (empty while loading). */
export function useAwaiting(campaignId: string | undefined, userId: string | undefined): LocalEntry[] {
  const rows = useLive(async () => (userId === undefined ? [] : await entriesAwaitingAnswer(userId)), [userId]);
  return (rows ?? []).flatMap(({ entry }) => (entry.campaignId === campaignId ? [entry] : []));
}

type Props = { campaign: Campaign; tree: UnitTree; entries: readonly LocalEntry[] };

/** The entries awaiting an answer, or nothing. */
export function AwaitingRows({ campaign, tree, entries: mine }: Props) {
  if (mine.length === 0) return null;
  return (
    <section class="awaiting" aria-labelledby="awaiting-title" data-testid="ledger-awaiting-rows">
      <h2 id="awaiting-title" class="section-title">
        {t("ledger.awaitingTitle", { n: mine.length })}
      </h2>
      <ul class="rows">
        {mine.map((entry) => {
          const part = campaign.targets.flatMap((x) => x.parts).find((p) => p.id === entry.partId);
          return (
            <LedgerRow
              key={entry.id}
              entry={entry}
              unitName={tree.get(entry.unitId)?.name ?? entry.unitId}
              partName={partLabel(campaign, entry.partId)}
              uom={part?.kind === "percent" ? t("ledger.doneUom") : (part?.unitOfMeasure ?? "")}
              corrected={undefined}
              review="has-issues"
            />
          );
        })}
      </ul>
      <h2 class="section-title">{t("ledger.allTitle")}</h2>
    </section>
  );
}
