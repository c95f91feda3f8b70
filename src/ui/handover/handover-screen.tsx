/** Moving records without a data network: a handover file, an SMS, and the phone's own backup. */
import { t } from "../../i18n";
import { ScreenHeading } from "../common/screen-heading";
import { ExportSection } from "./export-section";
import { ImportSection } from "./import-section";
import { SmsSection } from "./sms-section";

/** The handover screen (#/handover). */
export function HandoverScreen() {
  return (
    <div class="screen handover">
      <ScreenHeading sub={t("handover.sub")}>{t("handover.title")}</ScreenHeading>
      <ExportSection />
      <ImportSection />
      <SmsSection />
    </div>
  );
}
