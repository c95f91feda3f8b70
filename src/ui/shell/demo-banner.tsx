/**
 * The banner shown on every screen in demo mode: one line saying the data is sample, always in
 * view; a tap opens the full sentence with "Làm lại từ đầu" and "Thoát dùng thử".
 */
import { useState } from "preact/hooks";
import { setDemoFlag } from "../../demo/flag";
import { t } from "../../i18n";
import { FoldToggle } from "../common/fold-toggle";

/** "Đang dùng thử…" with reset and leave buttons. */
export function DemoBanner() {
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const reset = async () => {
    setBusy(true);
    const m = await import("../../demo/demo-mode");
    await m.resetDemo();
    location.reload();
  };
  const leave = () => {
    setDemoFlag(false);
    location.replace("/#/");
    location.reload();
  };
  return (
    <div class="demo-banner" role="note" data-testid="demo-banner">
      <FoldToggle open={open} onToggle={() => setOpen(!open)} controls="demo-more" class="btn-link banner-toggle">
        {t("demo.bannerShort")}
      </FoldToggle>
      {open && (
        <div id="demo-more">
          <p class="demo-text">{t("demo.banner")}</p>
          <div class="demo-actions">
            <button type="button" class="btn btn-small btn-demo" onClick={reset} disabled={busy} aria-busy={busy}>
              {t("demo.reset")}
            </button>
            <button type="button" class="btn btn-small btn-demo" onClick={leave}>
              {t("demo.leave")}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
