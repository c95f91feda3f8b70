/**
 * SMS where only voice and SMS reach: an officer composes one phase's totals for one unit as a
 * single checksummed message (an `sms:` link opens the phone's messaging app); a supervisor
 * pastes a received message to record it. Recording adds, per part, only the difference between
 * the message's total and what this device already knows for that unit and phase, so pasting
 * the same message twice records nothing the second time.
 */

import { useState } from "preact/hooks";
import { saveEntry } from "../../db/entries";
import { unitPhaseNets } from "../../db/ui-queries";
import { newEntryId } from "../../domain/ids";
import { findPart } from "../../domain/ledger";
import { defaultEntryDate, todayIso } from "../../domain/phases";
import { composeSms, parseSms } from "../../domain/sms";
import { cutCodePoints } from "../../domain/text";
import { t } from "../../i18n";
import { rememberSmsSent } from "../../sync/sms-reconcile";
import { campaign as currentCampaign, scopeRoots, scopeUnits, tree } from "../state/reference";
import { profile } from "../state/session";
import { syncNowLater } from "../sync-later";

/** Compose and record SMS reports. */
export function SmsSection() {
  const campaign = currentCampaign.value;
  const units = scopeUnits.value;
  const [unitId, setUnitId] = useState(units[0]?.unit.id ?? "");
  const [phaseId, setPhaseId] = useState(campaign?.phases[0]?.id ?? "");
  const [body, setBody] = useState<string | undefined>();
  const [pasted, setPasted] = useState("");
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | undefined>();
  if (!campaign) return null;

  const compose = async () => {
    const nets = await unitPhaseNets(campaign.id, unitId, phaseId);
    const totals = campaign.targets
      .flatMap((tg) => tg.parts)
      .map((p) => ({ partId: p.id, total: Math.max(0, nets.get(p.id) ?? 0) }));
    const sms = composeSms({ campaignId: campaign.id, phaseId, unitId, totals });
    setBody(sms);
    // Once this phone's own entries reach the server, it cancels what was recorded from the SMS.
    await rememberSmsSent(sms);
  };

  const record = async () => {
    const user = profile.value;
    const read = parseSms(pasted);
    if (!read.ok) return setOutcome({ ok: false, text: t(`sms.err.${read.problem}`) });
    const r = read.report;
    const phase = campaign.phases.find((p) => p.id === r.phaseId);
    if (r.campaignId !== campaign.id || !phase) return setOutcome({ ok: false, text: t("sms.err.campaign") });
    if (!tree.value.isWithin(r.unitId, scopeRoots.value)) return setOutcome({ ok: false, text: t("sms.err.scope") });
    if (r.totals.some((x) => !findPart(campaign, x.partId))) return setOutcome({ ok: false, text: t("sms.err.part") });
    if (!user) return;
    const known = await unitPhaseNets(campaign.id, r.unitId, r.phaseId);
    const date = defaultEntryDate({ phases: [phase] }, todayIso());
    let added = 0;
    let behind = 0;
    for (const x of r.totals) {
      const diff = x.total - (known.get(x.partId) ?? 0);
      if (diff < 0) behind++;
      if (diff <= 0) continue;
      await saveEntry(
        {
          id: newEntryId(),
          campaignId: campaign.id,
          partId: x.partId,
          unitId: r.unitId,
          date,
          quantity: diff,
          // Cut by code points: a cut inside an emoji leaves half a pair, which the server refuses.
          note: t("sms.note", { body: cutCodePoints(pasted.trim(), 300) }),
          createdAt: new Date().toISOString(),
        },
        { campaign, tree: tree.value, owner: user },
      );
      added++;
    }
    syncNowLater();
    setOutcome({ ok: true, text: t("sms.recorded", { n: added, behind }) });
  };

  return (
    <section class="card" aria-labelledby="sms-title">
      <h2 id="sms-title" class="section-title">
        {t("sms.title")}
      </h2>
      <p class="muted">{t("sms.hint")}</p>
      <label class="field">
        <span>{t("sms.unit")}</span>
        <select value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)}>
          {units.map(({ unit, depth }) => (
            <option key={unit.id} value={unit.id}>
              {"\u00a0\u00a0".repeat(depth)}
              {unit.name}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>{t("sms.phase")}</span>
        <select value={phaseId} onChange={(e) => setPhaseId(e.currentTarget.value)}>
          {campaign.phases.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" class="btn btn-block" onClick={() => void compose()}>
        {t("sms.compose")}
      </button>
      {body && (
        <div class="notice">
          <p class="sms-body" data-testid="sms-body">
            {body}
          </p>
          <a class="btn btn-primary btn-block" href={`sms:?body=${encodeURIComponent(body)}`}>
            {t("sms.send")}
          </a>
        </div>
      )}
      <label class="field">
        <span>{t("sms.paste")}</span>
        <textarea rows={3} value={pasted} onInput={(e) => setPasted(e.currentTarget.value)} />
      </label>
      <button type="button" class="btn btn-block" onClick={() => void record()} disabled={pasted.trim() === ""}>
        {t("sms.record")}
      </button>
      {outcome && (
        <p
          class={outcome.ok ? "notice" : "notice notice-error"}
          role={outcome.ok ? "status" : "alert"}
          data-testid="sms-outcome"
        >
          {outcome.text}
        </p>
      )}
    </section>
  );
}
