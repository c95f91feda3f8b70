/**
 * SMS where only voice and SMS reach: an officer composes one phase's totals for one unit as a
 * single checksummed message, sees beside the code what it says in words, and sends it to the
 * district's number (Cài đặt); a supervisor pastes a received message, sees the unit, phase and
 * each figure before recording, and afterwards what was recorded. Recording adds, per part, only
 * the difference between the message's total and what this device already knows for that unit
 * and phase, so pasting the same message twice records nothing the second time.
 */

import { useState } from "preact/hooks";
import { saveEntry } from "../../db/entries";
import { smsNumberOf } from "../../db/settings";
import { unitPhaseNets } from "../../db/ui-queries";
import { newEntryId } from "../../domain/ids";
import { findPart } from "../../domain/ledger";
import { defaultEntryDate, todayIso } from "../../domain/phases";
import type { Campaign } from "../../domain/schemas";
import { composeSms, parseSms, type SmsLine, type SmsReport, smsHref, smsLines } from "../../domain/sms";
import { cutCodePoints } from "../../domain/text";
import { t } from "../../i18n";
import { rememberSmsSent } from "../../sync/sms-reconcile";
import { campaign as currentCampaign, scopeRoots, scopeUnits, tree } from "../state/reference";
import { profile, supervises } from "../state/session";
import { syncNowLater } from "../sync-later";
import { useLive } from "../use-live";
import { figure, SmsFigures } from "./sms-figures";

/** Compose SMS reports, and (supervisors) record received ones. */
export function SmsSection() {
  const campaign = currentCampaign.value;
  if (!campaign) return null;
  return (
    <section class="card" aria-labelledby="sms-title">
      <h2 id="sms-title" class="section-title">
        {t("sms.title")}
      </h2>
      <p class="muted">{supervises.value ? t("sms.hint") : t("sms.hintOfficer")}</p>
      <SmsCompose campaign={campaign} />
      {supervises.value && <SmsRecord campaign={campaign} />}
    </section>
  );
}

function SmsCompose({ campaign }: { campaign: Campaign }) {
  const units = scopeUnits.value;
  const userId = profile.value?.id ?? "";
  const [unitId, setUnitId] = useState(units[0]?.unit.id ?? "");
  const [phaseId, setPhaseId] = useState(campaign.phases[0]?.id ?? "");
  const [report, setReport] = useState<SmsReport | undefined>();
  const to = useLive(() => smsNumberOf(userId), [userId]);

  const compose = async () => {
    const nets = await unitPhaseNets(campaign.id, unitId, phaseId);
    const totals = campaign.targets
      .flatMap((tg) => tg.parts)
      .map((p) => ({ partId: p.id, total: Math.max(0, nets.get(p.id) ?? 0) }));
    const r = { campaignId: campaign.id, phaseId, unitId, totals };
    setReport(r);
    // Once this phone's own entries reach the server, it cancels what was recorded from the SMS.
    await rememberSmsSent(composeSms(r));
  };

  const body = report && composeSms(report);
  return (
    <>
      <div class="field">
        <label for="sms-unit">{t("sms.unit")}</label>
        <select id="sms-unit" value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)}>
          {units.map(({ unit, depth }) => (
            <option key={unit.id} value={unit.id}>
              {"\u00a0\u00a0".repeat(depth)}
              {unit.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="sms-phase">{t("sms.phase")}</label>
        <select id="sms-phase" value={phaseId} onChange={(e) => setPhaseId(e.currentTarget.value)}>
          {campaign.phases.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <button type="button" class="btn btn-block" onClick={() => void compose()}>
        {t("sms.compose")}
      </button>
      {report && body && (
        <div class="notice">
          <h3 class="small">{t("sms.saysTitle")}</h3>
          <SmsFigures
            campaign={campaign}
            unitId={report.unitId}
            phaseId={report.phaseId}
            lines={report.totals
              .filter((x) => x.total !== 0)
              .map((x) => ({ partId: x.partId, text: figure(campaign, x.partId, x.total) }))}
            empty={t("sms.nothing")}
            testId="sms-summary"
          />
          <p class="small">{t("sms.codeLabel")}</p>
          <p class="sms-body" data-testid="sms-body">
            {body}
          </p>
          <a class="btn btn-primary btn-block" href={smsHref(body, to)} data-testid="sms-link">
            {to ? t("sms.sendTo", { to }) : t("sms.send")}
          </a>
          {!to && (
            <p class="hint">
              {t("sms.noNumber")} <a href="#/settings">{t("sms.setNumber")}</a>
            </p>
          )}
        </div>
      )}
    </>
  );
}

type Read = { ok: false; text: string } | { ok: true; report: SmsReport; lines: SmsLine[] };

/** Check a pasted message against this device: its campaign, unit scope and parts, and what it would add. */
async function readPasted(campaign: Campaign, pasted: string): Promise<Read | undefined> {
  if (pasted.trim() === "") return undefined;
  const read = parseSms(pasted);
  if (!read.ok) return { ok: false, text: t(`sms.err.${read.problem}`) };
  const r = read.report;
  if (r.campaignId !== campaign.id || !campaign.phases.some((p) => p.id === r.phaseId))
    return { ok: false, text: t("sms.err.campaign") };
  if (!tree.value.isWithin(r.unitId, scopeRoots.value)) return { ok: false, text: t("sms.err.scope") };
  if (r.totals.some((x) => !findPart(campaign, x.partId))) return { ok: false, text: t("sms.err.part") };
  return { ok: true, report: r, lines: smsLines(r, await unitPhaseNets(campaign.id, r.unitId, r.phaseId)) };
}

function SmsRecord({ campaign }: { campaign: Campaign }) {
  const [pasted, setPasted] = useState("");
  const [busy, setBusy] = useState(false);
  const [recorded, setRecorded] = useState<{ report: SmsReport; lines: SmsLine[] } | undefined>();
  const preview = useLive(() => readPasted(campaign, pasted), [campaign, pasted]);

  const record = async () => {
    const user = profile.value;
    if (!user || !preview?.ok) return;
    setBusy(true);
    const r = preview.report;
    const phase = campaign.phases.find((p) => p.id === r.phaseId);
    const date = defaultEntryDate({ phases: phase ? [phase] : [] }, todayIso());
    const added: SmsLine[] = [];
    for (const line of preview.lines) {
      if (line.add <= 0) continue;
      await saveEntry(
        {
          id: newEntryId(),
          campaignId: campaign.id,
          partId: line.partId,
          unitId: r.unitId,
          date,
          quantity: line.add,
          // Cut by code points: a cut inside an emoji leaves half a pair, which the server refuses.
          note: t("sms.note", { body: cutCodePoints(pasted.trim(), 300) }),
          createdAt: new Date().toISOString(),
        },
        { campaign, tree: tree.value, owner: user },
      );
      added.push(line);
    }
    syncNowLater();
    setRecorded({ report: r, lines: added });
    setPasted("");
    setBusy(false);
  };

  return (
    <div class="sms-record">
      <div class="field">
        <label for="sms-paste">{t("sms.paste")}</label>
        <textarea
          id="sms-paste"
          rows={3}
          value={pasted}
          onInput={(e) => {
            setPasted(e.currentTarget.value);
            setRecorded(undefined);
          }}
        />
      </div>
      {preview && !preview.ok && (
        <p class="notice notice-error" data-testid="sms-problem" aria-live="polite">
          {preview.text}
        </p>
      )}
      {preview?.ok && (
        <div class="notice" aria-live="polite">
          <h3 class="small">{t("sms.previewTitle")}</h3>
          <SmsFigures
            campaign={campaign}
            unitId={preview.report.unitId}
            phaseId={preview.report.phaseId}
            lines={preview.lines.map((l) => ({
              partId: l.partId,
              text:
                l.add > 0
                  ? t("sms.lineAdds", { total: figure(campaign, l.partId, l.total), add: l.add })
                  : t("sms.lineKnown", { total: figure(campaign, l.partId, l.total) }),
            }))}
            empty={t("sms.nothing")}
            testId="sms-preview"
          />
        </div>
      )}
      <button
        type="button"
        class="btn btn-primary btn-block"
        onClick={() => void record()}
        disabled={busy || !preview?.ok || preview.lines.every((l) => l.add <= 0)}
      >
        {t("sms.record")}
      </button>
      {recorded && (
        <div class="notice" role="status" data-testid="sms-outcome">
          <p>
            {recorded.lines.length === 0
              ? t("sms.recordedNothing")
              : t("sms.recordedWhat", {
                  unit: tree.value.get(recorded.report.unitId)?.name ?? recorded.report.unitId,
                  phase: campaign.phases.find((p) => p.id === recorded.report.phaseId)?.name ?? "",
                  figures: recorded.lines
                    .map((l) => `${partCode(campaign, l.partId)}: +${figure(campaign, l.partId, l.add)}`)
                    .join("; "),
                })}
          </p>
          <p class="small">{t("sms.provisionalNote")}</p>
        </div>
      )}
    </div>
  );
}

/** "1.1" or "4": a part's short code. */
function partCode(campaign: Campaign, partId: string): string {
  for (const target of campaign.targets) {
    const i = target.parts.findIndex((p) => p.id === partId);
    if (i >= 0) return target.parts.length > 1 ? `${target.number}.${i + 1}` : String(target.number);
  }
  return partId;
}
