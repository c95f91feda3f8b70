/** Who recorded an entry, by name (the names come from the pull's `people`, kept in settings). */

/** Who recorded an entry, by name: the signed-in user, someone the server named, or "another user". */
export function authorName(
  ownerId: string,
  people: Readonly<Record<string, string>>,
  me: { id: string; name: string } | undefined,
  unknown: string,
): string {
  if (me && ownerId === me.id) return me.name;
  return people[ownerId] ?? unknown;
}
