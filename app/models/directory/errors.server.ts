/**
 * Input the database would refuse for a reason the person can fix (a duplicate, an illegal
 * status change): the route shows it against the field, with a 400 or 409, never a 500.
 */
export class DirectoryInputError extends Error {
  override name = "DirectoryInputError";
  constructor(
    readonly field: string,
    message: string,
    readonly status: 400 | 409 = 400,
  ) {
    super(message);
  }
}

export const notFound = () => new Response("Not found", { status: 404 });

/** For an action: a DirectoryInputError becomes the form's refusal; anything else is rethrown. */
export function refusalFrom(error: unknown, values: Record<string, string>) {
  if (!(error instanceof DirectoryInputError)) throw error;
  return { status: error.status, body: { errors: { [error.field]: error.message }, values } };
}
