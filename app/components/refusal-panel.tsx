/** Why an action was refused (a 409 from a lifecycle rule, say), above the page it was tried on. */
export function RefusalPanel({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div className="panel panel--error" role="alert">
      <h2 className="panel__title">That could not be done</h2>
      <p>{message}</p>
    </div>
  );
}
