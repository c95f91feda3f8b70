/**
 * Shown to supervisors and admins on every screen while the unit list is the shipped sample:
 * their figures and reports would otherwise look official. Officers are not told (they record
 * for the units they were given either way). Not in demo mode, whose data is all sample.
 */
import { useEffect } from "preact/hooks";
import { t } from "../../i18n";
import { lastSyncAt } from "../../sync/status";
import { demoMode, supervises } from "../state/session";
import { readUnitsSample, unitsSample } from "../state/units-sample";

/** "Danh sách đơn vị đang là dữ liệu mẫu…", with a link to the units screen for admins. */
export function SampleBanner() {
  const synced = lastSyncAt.value;
  const show = supervises.value && !demoMode.value;
  useEffect(() => {
    if (show) void readUnitsSample();
  }, [show, synced]);
  if (!show || unitsSample.value !== true) return null;
  return (
    <p class="banner banner-warn" role="note" data-testid="units-sample-banner">
      {t("shell.unitsSample")}
    </p>
  );
}
