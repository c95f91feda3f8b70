/**
 * Small settings kept with idb-keyval beside the ledger: the signed-in profile (never the
 * session secret, which stays in an HttpOnly cookie), the device id, language, sync bookmarks.
 */
import { del, get, set } from "idb-keyval";
import type { UserProfile } from "../domain/schemas";
import { KvStore } from "./kv-store";

const kv = new KvStore("so-thi-dua-settings", "settings");

/** Point settings at another store (demo mode keeps its own). */
export function useSettingsStore(name: string): void {
  kv.use(name);
}

export type Lang = "vi" | "en";

/** The settings the app keeps, by key. */
export type Settings = {
  profile: UserProfile;
  clientId: string;
  /** The client id each user of this phone pushes with, by user id (DESIGN §7: device id + user). */
  clientIds: Record<string, string>;
  lang: Lang;
  pullCursor: string;
  lastSyncAt: string;
  lastPullAt: string;
  lastError: string;
  sessionExpired: boolean;
  rejectedUnseen: number;
  /** SMS reports this phone composed, in canonical form (sync/sms-reconcile.ts). */
  smsSent: string[];
  /** The campaign the screens show, chosen by the user. */
  campaignId: string;
  /** True while the server's unit tree is the shipped sample (every supervisor screen says so). */
  unitsSample: boolean;
  /** Names of the people whose records this phone holds, by user id (the ledger shows who recorded what). */
  people: Record<string, string>;
  /** Each user's SMS recipient (the district's number), by user id: the `sms:` link addresses it. */
  smsNumbers: Record<string, string>;
};

/** Read one setting. */
export function getSetting<K extends keyof Settings>(key: K): Promise<Settings[K] | undefined> {
  return get<Settings[K]>(key, kv.store);
}

/** Write one setting. */
export function setSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
  return set(key, value, kv.store);
}

/** Remove one setting. */
export function clearSetting(key: keyof Settings): Promise<void> {
  return del(key, kv.store);
}

/** This device's id, made once and kept (a handover file names the phone it came from). */
export async function deviceId(): Promise<string> {
  const known = await getSetting("clientId");
  if (known) return known;
  const id = crypto.randomUUID();
  await setSetting("clientId", id);
  return id;
}

/**
 * The client id `userId` pushes with from this phone. The server ties a client id to the first
 * user who syncs with it, so two users sharing a phone each need their own: the device id for
 * the user who first synced with it (a phone from before this rule keeps its id), a fresh one for
 * every other user.
 */
export async function clientIdOf(userId: string): Promise<string> {
  const ids = (await getSetting("clientIds")) ?? {};
  const known = ids[userId];
  if (known) return known;
  const device = await getSetting("clientId");
  const deviceTaken = Object.values(ids).includes(device ?? "");
  const id = device && !deviceTaken ? device : crypto.randomUUID();
  if (!device) await setSetting("clientId", id);
  await setSetting("clientIds", { ...ids, [userId]: id });
  return id;
}

/** Forget the client id `userId` pushes with (another user owns it); the next sync takes a fresh one. */
export async function forgetClientId(userId: string): Promise<void> {
  const ids = (await getSetting("clientIds")) ?? {};
  const { [userId]: gone, ...rest } = ids;
  await setSetting("clientIds", rest);
  // The device id stays the phone's name in handover files; only a pushing user's tie is dropped.
  if (gone !== undefined && gone === (await getSetting("clientId"))) await setSetting("clientId", crypto.randomUUID());
}

/** Who recorded an entry, by name: the signed-in user, someone the pull named (`people`), or `unknown`. */
export function authorName(
  ownerId: string,
  people: Readonly<Record<string, string>>,
  me: { id: string; name: string } | undefined,
  unknown: string,
): string {
  if (me && ownerId === me.id) return me.name;
  return people[ownerId] ?? unknown;
}

/** A user's SMS recipient (the district's number), undefined when not set. */
export async function smsNumberOf(userId: string): Promise<string | undefined> {
  return (await getSetting("smsNumbers"))?.[userId];
}
