/**
 * Bring a message into view when it appears. A warning or error that shows up below the fold, or
 * under the bottom bar on a 360 px phone, is a tap that seems to do nothing; the page's
 * `scroll-padding-bottom` (styles.css) keeps the revealed element above the bar.
 */
import type { RefObject } from "preact";
import { useEffect, useRef } from "preact/hooks";

/** A ref for the message element; it is scrolled into view whenever `shown` changes to a truthy value. */
export function useReveal<T extends HTMLElement>(shown: unknown): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (shown) ref.current?.scrollIntoView({ block: "nearest" });
  }, [shown]);
  return ref;
}
