/**
 * A unit's nominations for commendation (đề nghị khen thưởng): the list with each one's state
 * (waiting to be sent, refused, accepted or returned by the level above), a form to propose a
 * collective or a person, and, for a supervisor of the level above, "Chấp nhận" / "Trả lại".
 * Proposals and decisions are stored on the phone and leave with the next sync, like reports.
 */
import { useState } from "preact/hooks";
import type { LocalNomination, LocalNominationReview } from "../../db/database";
import { saveNomination, saveNominationReview } from "../../db/supervision";
import { newEntryId } from "../../domain/ids";
import {
  latestDecisions,
  type Nomination,
  type NominationKind,
  type NominationState,
  nomination as nominationSchema,
} from "../../domain/reports";
import type { Campaign, UserProfile } from "../../domain/schemas";
import { t } from "../../i18n";
import { requestSync } from "../../sync/scheduler";
import { ErrorNotice } from "../common/error-notice";
import { unexpectedText } from "../common/error-text";
import { reasonText } from "../common/reason-text";
import { useOneAtATime } from "../common/use-one-at-a-time";

type Props = {
  campaign: Campaign;
  unitId: string;
  user: UserProfile;
  /** True when the user may decide on this unit's nominations (a supervisor of the level above). */
  mayDecide: boolean;
  nominations: LocalNomination[];
  decisions: LocalNominationReview[];
};

const EMPTY = { kind: "individual" as NominationKind, name: "", achievements: "", award: "" };

/** See the header. */
export function NominationsPanel({ campaign, unitId, user, mayDecide, nominations, decisions }: Props) {
  const [form, setForm] = useState(EMPTY);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const latest = latestDecisions(decisions);
  const id = (field: string) => `nomination-${unitId}-${field}`;

  // One save at a time: a double tap must not put the same person on the list twice.
  const { busy, run } = useOneAtATime();
  const failed = (err: unknown) => setError(unexpectedText(err));

  const propose = () =>
    run(async () => {
      const n: Nomination = {
        id: newEntryId(),
        campaignId: campaign.id,
        unitId,
        ...form,
        createdAt: new Date().toISOString(),
      };
      if (!nominationSchema.safeParse(n).success) {
        setError(t("nominations.incomplete"));
        return;
      }
      try {
        await saveNomination(n, user.id);
      } catch (err) {
        return failed(err);
      }
      requestSync();
      setForm(EMPTY);
      setAdding(false);
      setError(undefined);
    });

  const decide = (nominationId: string, state: NominationState) =>
    run(async () => {
      try {
        await saveNominationReview(
          { id: newEntryId(), nominationId, state, createdAt: new Date().toISOString() },
          user.id,
          user.name,
        );
      } catch (err) {
        return failed(err);
      }
      setError(undefined);
      requestSync();
    });

  return (
    <details class="nominations" open={nominations.length > 0}>
      <summary>{t("nominations.title", { count: nominations.length })}</summary>
      <ul class="plain">
        {nominations.map((n) => {
          const decision = latest.get(n.id);
          return (
            <li key={n.id} class="nomination" data-state={decision?.state ?? n.syncState}>
              <p>
                <strong>{n.name}</strong> · {t(`nominations.kind.${n.kind}`)} · {n.award}
              </p>
              {n.achievements && <p class="muted small">{n.achievements}</p>}
              <p class="small">
                {n.syncState === "rejected"
                  ? t("reports.rejected", { reason: reasonText(n.rejectReason) })
                  : decision
                    ? t(`nominations.state.${decision.state}`)
                    : n.syncState === "pending"
                      ? t("reports.pending")
                      : t("nominations.state.waiting")}
              </p>
              {mayDecide && n.syncState === "synced" && (
                <div class="actions">
                  <button
                    type="button"
                    class="btn btn-small"
                    disabled={busy}
                    onClick={() => void decide(n.id, "accepted")}
                  >
                    {t("nominations.accept")}
                  </button>
                  <button
                    type="button"
                    class="btn btn-small"
                    disabled={busy}
                    onClick={() => void decide(n.id, "returned")}
                  >
                    {t("nominations.return")}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {/* A failed decision (the form shows its own errors beside its fields). */}
      {!adding && <ErrorNotice error={error} />}
      {adding ? (
        <form
          class="nomination-form"
          onSubmit={(e) => {
            e.preventDefault();
            void propose();
          }}
        >
          <div class="field">
            <label for={id("kind")}>{t("nominations.kind")}</label>
            <select
              id={id("kind")}
              value={form.kind}
              onChange={(e) => setForm({ ...form, kind: e.currentTarget.value as NominationKind })}
            >
              <option value="individual">{t("nominations.kind.individual")}</option>
              <option value="collective">{t("nominations.kind.collective")}</option>
            </select>
          </div>
          {(["name", "award"] as const).map((field) => (
            <div class="field" key={field}>
              <label for={id(field)}>{t(`nominations.${field}`)}</label>
              <input
                id={id(field)}
                value={form[field]}
                maxLength={300}
                onInput={(e) => setForm({ ...form, [field]: e.currentTarget.value })}
              />
            </div>
          ))}
          <div class="field">
            <label for={id("achievements")}>{t("nominations.achievements")}</label>
            <textarea
              id={id("achievements")}
              rows={3}
              value={form.achievements}
              onInput={(e) => setForm({ ...form, achievements: e.currentTarget.value })}
            />
          </div>
          <ErrorNotice error={error} />
          <div class="actions">
            <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>
              {t("nominations.propose")}
            </button>
            <button type="button" class="btn" onClick={() => setAdding(false)}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          class="btn btn-small"
          onClick={() => {
            setError(undefined);
            setAdding(true);
          }}
        >
          {t("nominations.add")}
        </button>
      )}
    </details>
  );
}
