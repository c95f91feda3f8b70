/** Whether the app runs in demo mode: a flag read synchronously at start, before any database opens. */

const FLAG = "so-thi-dua-mode";

/** True when the app was left in demo mode. */
export function isDemo(): boolean {
  try {
    return localStorage.getItem(FLAG) === "demo";
  } catch {
    return false;
  }
}

/** Turn demo mode on or off; the caller reloads the page so every store is opened afresh. */
export function setDemoFlag(on: boolean): void {
  if (on) localStorage.setItem(FLAG, "demo");
  else localStorage.removeItem(FLAG);
}
