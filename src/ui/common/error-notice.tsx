/** An error sentence under a form, announced when it appears; nothing when there is none. */
export function ErrorNotice({ error }: { error: string | undefined }) {
  if (!error) return null;
  return (
    <p class="notice notice-error" role="alert">
      {error}
    </p>
  );
}
