/** The banner shown on every screen in demo mode, with one tap to start over or to leave. */
import { useState } from "preact/hooks";
import { setDemoFlag } from "../../demo/flag";
import { t } from "../../i18n";

/** "Đang dùng thử…" with reset and leave buttons. */
export function DemoBanner() {
  const [busy, setBusy] = useState(false);
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
  );
}
