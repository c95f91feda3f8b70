/**
 * The review conversation beside an entry (domain/replies.ts): the replies to the supervisor's
 * "Cần bổ sung", oldest first, for everyone who sees the entry (so the supervisor reads the
 * answer here), and, while the latest review asks for more, a form for the officer to reply.
 * A reply is stored on the phone first and leaves with the next sync, like a review.
 */
import { useState } from "preact/hooks";
import type { LocalReply, LocalReview } from "../../db/database";
import { saveReply } from "../../db/supervision";
import { newEntryId } from "../../domain/ids";
import { REPLY_MAX, type Reply, reply as replySchema } from "../../domain/replies";
import { fmtTime, t } from "../../i18n";
import { requestSync } from "../../sync/scheduler";
import { unexpectedText } from "../common/error-text";
import { describedBy, Field } from "../common/field";
import { reasonText } from "../common/reason-text";
import { useOneAtATime } from "../common/use-one-at-a-time";
import { profile } from "../state/session";

type Props = {
  entryId: string;
  /** The entry's latest review that counts, if any. */
  latest: LocalReview | undefined;
  replies: readonly LocalReply[];
};

/** Replies to the entry's reviews, and the reply form while a "Cần bổ sung" waits for an answer. */
export function ReplyPanel({ entryId, latest, replies }: Props) {
  const user = profile.value;
  const [text, setText] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState("");
  const [more, setMore] = useState(false);
  // One send at a time: a double tap must not post the same answer twice.
  const { busy, run } = useOneAtATime();
  // The reviewer does not answer their own review; anyone else who sees the entry may.
  const mayReply = user !== undefined && latest?.state === "has-issues" && latest.ownerId !== user.id;
  if (replies.length === 0 && !mayReply) return null;
  // Once answered, the form folds behind "Trả lời thêm" until the supervisor reviews again.
  const answered =
    latest !== undefined &&
    replies.some((r) => r.syncState !== "rejected" && Date.parse(r.createdAt) >= Date.parse(latest.createdAt));

  const send = () =>
    run(async () => {
      if (!user) return;
      if (text.trim() === "") return setError(t("reply.err.empty"));
      const r: Reply = { id: newEntryId(), entryId, text: text.trim(), createdAt: new Date().toISOString() };
      if (!replySchema.safeParse(r).success) return setError(t("reason.invalid"));
      try {
        await saveReply(r, user.id, user.name);
      } catch (err) {
        return setError(unexpectedText(err));
      }
      setText("");
      setError(undefined);
      setMore(false);
      setDone(t("reply.done"));
      requestSync();
    });

  return (
    <section class="reply" aria-labelledby="reply-title">
      <h2 id="reply-title" class="section-title">
        {t("reply.title")}
      </h2>
      {replies.length > 0 && (
        <ol class="history" data-testid="replies">
          {replies.map((r) => (
            <li key={r.id} class="card history-item" data-testid="reply">
              <p class="muted small">{t("reply.by", { name: r.authorName ?? "", time: fmtTime(r.createdAt) })}</p>
              <p class="review-comment">{r.text}</p>
              {r.syncState === "pending" && <span class="badge badge-pending">{t("sync.pending")}</span>}
              {r.syncState === "rejected" && (
                <span class="badge badge-rejected">{t("reply.rejected", { reason: reasonText(r.rejectReason) })}</span>
              )}
            </li>
          ))}
        </ol>
      )}
      <p class="saved" role="status" aria-live="polite">
        {done}
      </p>
      {mayReply && answered && !more && (
        <button type="button" class="btn" onClick={() => setMore(true)}>
          {t("reply.more")}
        </button>
      )}
      {mayReply && (!answered || more) && (
        <form
          class="card sub-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <Field id="reply-text" label={t("reply.label")} error={error} hint={t("reply.hint", { max: REPLY_MAX })}>
            <textarea
              id="reply-text"
              rows={3}
              maxLength={REPLY_MAX}
              value={text}
              aria-describedby={describedBy("reply-text", true, error)}
              aria-invalid={error ? true : undefined}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </Field>
          <div class="actions">
            <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>
              {t("reply.send")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
