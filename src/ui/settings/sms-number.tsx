/**
 * The district's SMS number, set per user on this phone: the "Mở ứng dụng tin nhắn" link of an
 * SMS report is addressed to it, so the officer does not have to look the number up.
 */
import { useState } from "preact/hooks";
import { getSetting, setSetting, smsNumberOf } from "../../db/settings";
import { smsNumber } from "../../domain/sms";
import { t } from "../../i18n";
import { describedBy, Field } from "../common/field";
import { useLive } from "../use-live";

/** The setting: a phone number field and its save button. */
export function SmsNumberSetting({ userId }: { userId: string }) {
  const saved = useLive(async () => (await smsNumberOf(userId)) ?? "", [userId]);
  const [text, setText] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState("");
  const value = text ?? saved ?? "";

  const save = async () => {
    const all = { ...((await getSetting("smsNumbers")) ?? {}) };
    const n = smsNumber(value);
    if (value.trim() === "") delete all[userId];
    else if (!n) return setError(t("settings.smsNumberBad"));
    else all[userId] = n;
    await setSetting("smsNumbers", all);
    setError(undefined);
    setText(n ?? "");
    setDone(value.trim() === "" ? t("settings.smsNumberCleared") : t("settings.smsNumberSaved"));
  };

  const hint = t("settings.smsNumberHint");
  return (
    <section class="card" aria-labelledby="sms-number-title">
      <h2 id="sms-number-title">{t("settings.smsNumberTitle")}</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field id="sms-number" label={t("settings.smsNumber")} hint={hint} error={error}>
          <input
            id="sms-number"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            value={value}
            aria-describedby={describedBy("sms-number", hint, error)}
            aria-invalid={error ? true : undefined}
            onInput={(e) => {
              // A changed number is judged again when saved: the old verdict no longer applies.
              setText(e.currentTarget.value);
              setError(undefined);
              setDone("");
            }}
          />
        </Field>
        <button type="submit" class="btn btn-block">
          {t("settings.smsNumberSave")}
        </button>
        <p class="saved" role="status" aria-live="polite">
          {done}
        </p>
      </form>
    </section>
  );
}
