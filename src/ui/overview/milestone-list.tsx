/** The campaign's anniversaries (milestones), the next ones first, with their computed age. */
import { anniversaryYears, upcomingMilestones } from "../../domain/phases";
import type { Campaign } from "../../domain/schemas";
import { fmtDate, t } from "../../i18n";

/** Up to three milestones; when all have passed, the last three, titled accordingly. */
export function MilestoneList({ campaign, today }: { campaign: Campaign; today: string }) {
  const list = upcomingMilestones(campaign, today, 3);
  if (list.length === 0) return null;
  const ahead = list.some((m) => m.date >= today);
  return (
    <section class="card milestones" aria-labelledby="milestones-title">
      <h2 id="milestones-title">{ahead ? t("overview.milestonesAhead") : t("overview.milestonesPast")}</h2>
      <ul>
        {list.map((m) => {
          const years = anniversaryYears(m);
          const phaseName = campaign.phases.find((p) => p.id === m.phaseId)?.name;
          return (
            <li key={m.date + m.title}>
              <p class="milestone-title">
                {years !== undefined ? t("overview.anniversary", { n: years, title: m.title }) : m.title}
              </p>
              <p class="muted">
                <time dateTime={m.date}>{fmtDate(m.date)}</time>
                {m.since && ` · ${t("overview.since", { year: m.since.slice(0, 4) })}`}
                {phaseName && ` · ${phaseName}`}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
