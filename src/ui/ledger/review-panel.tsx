/**
 * Review of one entry (DESIGN §1 "Review"): supervisors and admins mark a synced entry "Duyệt" or
 * "Cần bổ sung" with a comment; the review is stored on the phone and leaves with the next sync,
 * like an entry. Everyone in scope sees the entry's state and the review history; an officer whose
 * entry needs more sees the comment right above the reply form (reply-panel.tsx) and "Sửa số
 * liệu", and answers with a reply, a correction, or both.
 */
import { useState } from "preact/hooks";
import type { LocalEntry, LocalReview } from "../../db/database";
import { saveReview } from "../../db/supervision";
import { newEntryId } from "../../domain/ids";
import { COMMENT_MAX, type Review, type ReviewState, review as reviewSchema } from "../../domain/supervision";
import { fmtTime, t } from "../../i18n";
import { requestSync } from "../../sync/scheduler";
import { unexpectedText } from "../common/error-text";
import { describedBy, Field } from "../common/field";
import { useOneAtATime } from "../common/use-one-at-a-time";
import { profile, supervises } from "../state/session";

/** The state badge of a review: "Đã duyệt" or "Cần bổ sung" (words, not colour alone). */
export function ReviewBadge({ state }: { state: ReviewState }) {
  return state === "approved" ? (
    <span class="badge badge-ok">{t("review.approved")}</span>
  ) : (
    <span class="badge badge-issues">{t("review.hasIssues")}</span>
  );
}

/** The latest review that counts (one the server refused does not). */
export function latestOf(reviews: readonly LocalReview[]): LocalReview | undefined {
  return reviews.filter((r) => r.syncState !== "rejected").at(-1);
}

/** The entry's review state and the supervisor's controls; `reviews` are the entry's, oldest first. */
export function ReviewPanel({ entry, reviews }: { entry: LocalEntry; reviews: readonly LocalReview[] }) {
  const user = profile.value;
  const [mode, setMode] = useState<"view" | "issues">("view");
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState("");
  const latest = latestOf(reviews);
  const reviewer = supervises.value;

  // One save at a time: a double tap on "Duyệt" must not store two reviews.
  const { busy, run } = useOneAtATime();
  const save = (state: ReviewState) =>
    run(async () => {
      if (!user) return;
      const r: Review = { id: newEntryId(), entryId: entry.id, state, createdAt: new Date().toISOString() };
      if (state === "has-issues") {
        if (comment.trim() === "") return setError(t("review.err.comment"));
        r.comment = comment.trim();
      }
      if (!reviewSchema.safeParse(r).success) return setError(t("review.err.comment"));
      try {
        await saveReview(r, user.id, user.name);
      } catch (err) {
        return setError(unexpectedText(err));
      }
      setMode("view");
      setComment("");
      setError(undefined);
      setDone(state === "approved" ? t("review.doneApproved") : t("review.doneIssues"));
      requestSync();
    });

  return (
    <section class="review" aria-labelledby="review-title">
      <h2 id="review-title" class="section-title">
        {t("review.title")}
      </h2>
      {latest ? (
        <div class={latest.state === "has-issues" ? "notice notice-warn" : "notice"} data-testid="review-state">
          <p>
            <ReviewBadge state={latest.state} />{" "}
            <span class="muted small">
              {t("review.by", { name: latest.reviewerName ?? "", time: fmtTime(latest.createdAt) })}
            </span>
          </p>
          {latest.comment && <p class="review-comment">{latest.comment}</p>}
          {latest.state === "has-issues" && latest.ownerId !== user?.id && (
            <p class="small">{t("review.answerHintReply")}</p>
          )}
        </div>
      ) : (
        <p class="muted">{t("review.none")}</p>
      )}
      <p class="saved" role="status" aria-live="polite">
        {done}
      </p>
      {reviewer &&
        (entry.syncState !== "synced" ? (
          <p class="hint">{t("review.onlySynced")}</p>
        ) : mode === "issues" ? (
          <form
            class="card sub-form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void save("has-issues");
            }}
          >
            <Field
              id="review-comment"
              label={t("review.comment")}
              error={error}
              hint={t("review.commentHint", { max: COMMENT_MAX })}
            >
              <textarea
                id="review-comment"
                rows={3}
                maxLength={COMMENT_MAX}
                value={comment}
                aria-describedby={describedBy("review-comment", true, error)}
                aria-invalid={error ? true : undefined}
                onInput={(e) => setComment(e.currentTarget.value)}
              />
            </Field>
            <div class="actions">
              <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>
                {t("review.sendIssues")}
              </button>
              <button type="button" class="btn" onClick={() => setMode("view")}>
                {t("common.cancel")}
              </button>
            </div>
          </form>
        ) : (
          <div class="actions">
            <button
              type="button"
              class="btn btn-primary"
              disabled={busy}
              aria-busy={busy}
              onClick={() => void save("approved")}
            >
              {t("review.approve")}
            </button>
            <button type="button" class="btn" onClick={() => setMode("issues")}>
              {t("review.markIssues")}
            </button>
          </div>
        ))}
      {error && mode === "view" && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

/** Every review of the entry, oldest first: who, when, the state and the comment. */
export function ReviewHistory({ reviews }: { reviews: readonly LocalReview[] }) {
  if (reviews.length === 0) return null;
  return (
    <section aria-labelledby="review-history-title">
      <h2 id="review-history-title" class="section-title">
        {t("review.history")}
      </h2>
      <ol class="history" data-testid="review-history">
        {reviews.map((r) => (
          <li key={r.id} class="card history-item">
            <p class="row-top">
              <ReviewBadge state={r.state} />
              <span class="muted small">{fmtTime(r.createdAt)}</span>
            </p>
            <p class="small">{r.reviewerName ?? ""}</p>
            {r.comment && <p class="review-comment">{r.comment}</p>}
            {r.syncState === "pending" && <span class="badge badge-pending">{t("sync.pending")}</span>}
            {r.syncState === "rejected" && <span class="badge badge-rejected">{t("review.rejected")}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
