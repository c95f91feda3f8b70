/**
 * One entry with its whole correction chain and the chain's current net. Entries are never
 * edited: "Sửa số liệu" and "Hủy mục" add a correction (DESIGN §1). A rejected entry never
 * reached the ledger, so it cannot be corrected: "Nhập lại" copies it into a new entry.
 */
import { useState } from "preact/hooks";
import type { LocalEntry } from "../../db/database";
import {
  chainNetOf,
  EntryRuleError,
  entryHistory,
  StorageFullError,
  saveEntriesTogether,
  saveEntry,
} from "../../db/entries";
import { authorName, getSetting } from "../../db/settings";
import { repliesOf, reviewsOf } from "../../db/supervision";
import { newEntryId } from "../../domain/ids";
import { findPart } from "../../domain/ledger";
import { type Entry, entry as entrySchema, NOTE_MAX } from "../../domain/schemas";
import { cutCodePoints } from "../../domain/text";
import { fmtDate, fmtNum, fmtSigned, fmtTime, t } from "../../i18n";
import { requestSync } from "../../sync/scheduler";
import { dayText } from "../common/day-input";
import { unexpectedText } from "../common/error-text";
import { partLabel, shorten } from "../common/part-text";
import { reasonText } from "../common/reason-text";
import { ScreenHeading } from "../common/screen-heading";
import { SyncBadge } from "../common/sync-badge";
import { campaigns, tree } from "../state/reference";
import { profile } from "../state/session";
import { useLive } from "../use-live";
import { CorrectionForm } from "./correction-form";
import { MoveForm, type MoveTarget } from "./move-form";
import { ReplyPanel } from "./reply-panel";
import { latestOf, ReviewHistory, ReviewPanel } from "./review-panel";

type Mode = "view" | "correct" | "void" | "move";

/** The detail screen for `entryId`. */
export function EntryDetail({ entryId }: { entryId: string }) {
  const [mode, setMode] = useState<Mode>("view");
  const [done, setDone] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [movedTo, setMovedTo] = useState<string | undefined>();
  const data = useLive(
    async () => ({
      history: await entryHistory(entryId),
      net: await chainNetOf(entryId),
      reviews: await reviewsOf(entryId),
      replies: await repliesOf(entryId),
      people: (await getSetting("people")) ?? {},
    }),
    [entryId],
  );
  const unitTree = tree.value;
  const user = profile.value;

  const back = (
    <a class="back" href="#/ledger">
      ← {t("ledger.title")}
    </a>
  );
  if (!data) return <p class="screen loading">{t("common.loading")}</p>;
  const entry = data.history.find((e) => e.id === entryId);
  const campaign = entry && campaigns.value.find((c) => c.id === entry.campaignId);
  if (!entry || !campaign || !user) {
    return (
      <div class="screen">
        {back}
        <ScreenHeading>{t("detail.notFound")}</ScreenHeading>
      </div>
    );
  }
  const part = findPart(campaign, entry.partId);
  const nameOf = (ownerId: string) => authorName(ownerId, data.people, user, t("ledger.someoneElse"));
  const uom = part?.unitOfMeasure ?? "";
  // A rejected correction can be redone against the entry it meant to correct.
  const targetId = entry.syncState === "rejected" ? entry.correctsId : entry.id;

  /** Store entries (checked by the planner together), or say in a sentence why not. */
  const store = async (entries: Entry[]): Promise<string | undefined> => {
    if (entries.some((x) => !entrySchema.safeParse(x).success)) return t("reason.invalid");
    try {
      const ctx = { campaign, tree: unitTree, owner: user };
      if (entries.length === 1 && entries[0]) await saveEntry(entries[0], ctx);
      else await saveEntriesTogether(entries, ctx);
    } catch (err) {
      if (err instanceof StorageFullError) return t("entry.err.storageFull");
      if (err instanceof EntryRuleError) return reasonText(err.reason);
      return unexpectedText(err);
    }
    return undefined;
  };

  const finish = (doneText: string) => {
    setMode("view");
    setError(undefined);
    setDone(doneText);
    requestSync();
  };

  /** Where an entry is, in words a note can keep: "unit · part · dd/mm/yyyy". */
  const place = (unitId: string, partId: string, date: string) =>
    `${unitTree.get(unitId)?.name ?? unitId} · ${shorten(partLabel(campaign, partId), 50)} · ${dayText(date)}`;

  const saveMove = async (to: MoveTarget): Promise<string | undefined> => {
    if (!targetId) return undefined;
    const createdAt = new Date().toISOString();
    const voiding: Entry = {
      id: newEntryId(),
      campaignId: entry.campaignId,
      partId: entry.partId,
      unitId: entry.unitId,
      date: entry.date,
      quantity: -data.net,
      correctsId: targetId,
      note: cutCodePoints(t("move.voidNote", { to: place(to.unitId, to.partId, to.date) }), NOTE_MAX),
      createdAt,
    };
    const rootNote = data.history.find((h) => h.id === entry.rootId)?.note;
    const from = t("move.newNote", { from: place(entry.unitId, entry.partId, entry.date) });
    const moved: Entry = {
      id: newEntryId(),
      campaignId: entry.campaignId,
      partId: to.partId,
      unitId: to.unitId,
      date: to.date,
      quantity: to.quantity,
      note: cutCodePoints(rootNote ? `${rootNote}\n${from}` : from, NOTE_MAX),
      createdAt,
    };
    const problem = await store([voiding, moved]);
    if (problem) return problem;
    setMovedTo(moved.id);
    finish(t("detail.moved"));
    return undefined;
  };

  const saveCorrection = async (delta: number, note: string, doneText: string): Promise<string | undefined> => {
    if (!targetId) return undefined;
    const e: Entry = {
      id: newEntryId(),
      campaignId: entry.campaignId,
      partId: entry.partId,
      unitId: entry.unitId,
      date: entry.date,
      quantity: delta,
      correctsId: targetId,
      createdAt: new Date().toISOString(),
    };
    if (note) e.note = note;
    const problem = await store([e]);
    if (problem) return problem;
    setMovedTo(undefined);
    finish(doneText);
    return undefined;
  };

  return (
    <div class="screen detail">
      {back}
      <ScreenHeading>{t("detail.title")}</ScreenHeading>
      <dl class="facts card">
        <dt>{t("ledger.unit")}</dt>
        <dd>{unitTree.get(entry.unitId)?.name ?? entry.unitId}</dd>
        <dt>{t("ledger.part")}</dt>
        <dd>{partLabel(campaign, entry.partId)}</dd>
        <dt>{t("entry.date")}</dt>
        <dd>
          {fmtDate(entry.date)} · {campaign.phases.find((p) => p.id === entry.phaseId)?.name ?? entry.phaseId}
        </dd>
        <dt>{t("detail.author")}</dt>
        <dd data-testid="entry-author">{nameOf(entry.ownerId)}</dd>
        <dt>{t("detail.net")}</dt>
        <dd>
          <strong data-testid="chain-net">{`${fmtNum(data.net)} ${uom}`}</strong>
        </dd>
        <dt>{t("detail.state")}</dt>
        <dd>
          <SyncBadge entry={entry} /> {/* "Đã gửi" alone would read as if the figure above had reached the server. */}
          {data.history.some((h) => h.id !== entry.id && h.syncState === "pending") && (
            <span class="badge badge-pending">{t("detail.fixPending")}</span>
          )}
        </dd>
      </dl>

      <ReviewPanel entry={entry} reviews={data.reviews} />
      <ReplyPanel entryId={entry.id} latest={latestOf(data.reviews)} replies={data.replies} />

      <p class="saved" role="status" aria-live="polite">
        {done}
      </p>
      {movedTo && (
        <a class="btn btn-block" href={`#/ledger/${encodeURIComponent(movedTo)}`}>
          {t("detail.openNew")}
        </a>
      )}
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}

      {!targetId ? (
        <div class="actions">
          <a class="btn btn-primary" href={`#/entry?from=${encodeURIComponent(entry.id)}`}>
            {t("detail.reenter")}
          </a>
          <p class="hint">{t("detail.rejectedHint")}</p>
        </div>
      ) : mode === "correct" ? (
        <CorrectionForm
          net={data.net}
          part={part}
          onCancel={() => setMode("view")}
          onSave={(delta, note) => saveCorrection(delta, note, t("detail.corrected"))}
        />
      ) : mode === "move" ? (
        <MoveForm entry={entry} campaign={campaign} net={data.net} onCancel={() => setMode("view")} onSave={saveMove} />
      ) : mode === "void" ? (
        <div class="notice notice-warn" role="alert">
          <p>{t("detail.voidConfirm", { net: `${fmtNum(data.net)} ${uom}`.trim() })}</p>
          <div class="actions">
            <button
              type="button"
              class="btn btn-danger"
              onClick={async () => setError(await saveCorrection(-data.net, "", t("detail.voided")))}
            >
              {t("detail.voidYes")}
            </button>
            <button type="button" class="btn" onClick={() => setMode("view")}>
              {t("common.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <div class="actions">
          <button type="button" class="btn btn-primary" onClick={() => setMode("correct")}>
            {t("detail.correct")}
          </button>
          {data.net > 0 && (
            <button type="button" class="btn" onClick={() => setMode("move")}>
              {t("detail.move")}
            </button>
          )}
          <button type="button" class="btn btn-danger" disabled={data.net === 0} onClick={() => setMode("void")}>
            {t("detail.void")}
          </button>
          {data.net === 0 && <p class="hint">{t("detail.alreadyVoid")}</p>}
        </div>
      )}

      <section aria-labelledby="history-title">
        <h2 id="history-title" class="section-title">
          {t("detail.history")}
        </h2>
        <ol class="history">
          {data.history.map((h) => (
            <HistoryItem key={h.id} item={h} current={h.id === entry.id} uom={uom} author={nameOf(h.ownerId)} />
          ))}
        </ol>
      </section>
      <ReviewHistory reviews={data.reviews} />
    </div>
  );
}

type HistoryProps = { item: LocalEntry; current: boolean; uom: string; author: string };

function HistoryItem({ item, current, uom, author }: HistoryProps) {
  return (
    <li class={current ? "card history-item history-current" : "card history-item"}>
      <p class="row-top">
        <span>{item.correctsId ? t("detail.kindCorrection") : t("detail.kindOriginal")}</span>
        <strong>{item.correctsId ? fmtSigned(item.quantity) : `${fmtNum(item.quantity)} ${uom}`}</strong>
      </p>
      <p class="muted small">
        {t("detail.createdBy", { time: fmtTime(item.createdAt), name: author })}
        {current && ` · ${t("detail.thisOne")}`}
      </p>
      {item.note && <p class="row-note">{item.note}</p>}
      <SyncBadge entry={item} />
    </li>
  );
}
