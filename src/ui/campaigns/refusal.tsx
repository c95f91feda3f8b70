/** A refused save, in Vietnamese: the server's in-use or invalid problems, or why the call failed. */
import { t } from "../../i18n";
import type { ApiResult } from "../../sync/api";
import { type ErrorWords, errorText } from "../common/error-text";
import { inUseMsg } from "./campaign-problems";

/** A failed admin call. */
export type Failure = Exclude<ApiResult<unknown>, { ok: true }>;

/** The sentence for a failed call that is not a list of problems. */
export function failureText(res: Failure): string {
  return errorText(res, adminWords);
}

/** The catalogue screens' own words; every other code: the shared sentences (never the server's English). */
const adminWords: ErrorWords = {
  network: "admin.err.network",
  codes: { unauthenticated: "admin.err.session", forbidden: "admin.err.forbidden" },
};

/** The refusal box: a title and one line per problem. */
export function Refusal({ res, unitName }: { res: Failure; unitName: (id: string) => string }) {
  const listed = "problems" in res ? res.problems : undefined;
  const problems: string[] = listed && listed.length > 0 ? listed : [res.message];
  if (res.status !== 409 && res.status !== 400) {
    return (
      <p class="notice notice-error" role="alert">
        {failureText(res)}
      </p>
    );
  }
  const kindWord = (k: Parameters<typeof t>[0]) => t(k);
  return (
    <div class="notice notice-error" role="alert" data-testid="refusal">
      <p>{res.status === 409 ? t("admin.inUseTitle") : t("admin.invalidTitle")}</p>
      <ul>
        {problems.map((p) => {
          const sentence = p.replace(/^[\w.]+: /, "");
          const msg = inUseMsg(sentence, unitName, kindWord);
          return <li key={p}>{t(msg.key, msg.params)}</li>;
        })}
      </ul>
    </div>
  );
}
