/**
 * Screens other than the overview are separate chunks, fetched on first use (or while the phone
 * is idle), so the JavaScript needed for the first screen stays small. The service worker
 * precaches every chunk, so a screen opens offline too.
 */
import type { ComponentType, JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { loadScreenMessages, t } from "../i18n";

/** A component that loads its implementation on first render; `preload()` fetches it early. */
export type LazyScreen<P> = ((props: P) => JSX.Element | null) & { preload: () => Promise<unknown> };

/**
 * Wrap a dynamic import of a screen component (the screens' sentences load with it, unless
 * `messages` is false: the overview's are bundled with the shell); `quiet` shows nothing while loading.
 */
export function lazyScreen<P extends object>(
  load: () => Promise<ComponentType<P>>,
  { quiet = false, messages = true }: { quiet?: boolean; messages?: boolean } = {},
): LazyScreen<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const fetchOnce = () => {
    loading ??= Promise.all([load(), messages ? loadScreenMessages() : undefined]).then(([c]) => {
      loaded = c;
      return c;
    });
    // A failed fetch (offline before the chunk was cached) may be retried.
    loading.catch(() => {
      loading = undefined;
    });
    return loading;
  };
  function Lazy(props: P): JSX.Element | null {
    const [component, setComponent] = useState<{ c: ComponentType<P> } | undefined>(loaded && { c: loaded });
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (component) return;
      let live = true;
      fetchOnce().then(
        (c) => live && setComponent({ c }),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, [component]);
    if (component) {
      const C = component.c;
      return <C {...props} />;
    }
    if (quiet) return null;
    if (failed) {
      return (
        <div class="screen">
          <p role="alert" class="notice notice-error">
            {t("lazy.failed")}
          </p>
          <button type="button" class="btn" onClick={() => location.reload()}>
            {t("lazy.reload")}
          </button>
        </div>
      );
    }
    return (
      <p class="screen loading" aria-busy="true">
        {t("common.loading")}
      </p>
    );
  }
  return Object.assign(Lazy, { preload: fetchOnce });
}
