/**
 * Shown to supervisors and admins on every screen while the unit list is the shipped sample:
 * their figures and reports would otherwise look official. Officers are not told (they record
 * for the units they were given either way). Not in demo mode, whose data is all sample. One
 * line in the top bar; the full sentence opens with a tap, so the screen keeps its room.
 */
import { useEffect, useState } from "preact/hooks";
import { t } from "../../i18n";
import { lastSyncAt } from "../../sync/status";
import { FoldToggle } from "../common/fold-toggle";
import { demoMode, supervises } from "../state/session";
import { readUnitsSample, unitsSample } from "../state/units-sample";

/** "Danh sách đơn vị mẫu ▾", opening to "Danh sách đơn vị đang là dữ liệu mẫu…". */
export function SampleBanner() {
  const [open, setOpen] = useState(false);
  const synced = lastSyncAt.value;
  const show = supervises.value && !demoMode.value;
  useEffect(() => {
    if (show) void readUnitsSample();
  }, [show, synced]);
  if (!show || unitsSample.value !== true) return null;
  return (
    <div class="banner banner-warn banner-fold" role="note" data-testid="units-sample-banner">
      <FoldToggle
        open={open}
        onToggle={() => setOpen(!open)}
        controls="units-sample-text"
        class="btn-link banner-toggle"
      >
        {t("shell.unitsSampleShort")}
      </FoldToggle>
      {open && (
        <p id="units-sample-text" class="small">
          {t("shell.unitsSample")}
        </p>
      )}
    </div>
  );
}
