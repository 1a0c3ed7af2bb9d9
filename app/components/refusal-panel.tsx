/** Why an action was refused (a 409 from a lifecycle rule, say), above the page it was tried on. */
export function RefusalPanel({
  message,
  title = "That could not be done",
}: {
  message: string | null | undefined;
  title?: string;
}) {
  if (!message) return null;
  return (
    <div className="panel panel--error" role="alert">
      <h2 className="panel__title">{title}</h2>
      <p>{message}</p>
    </div>
  );
}
