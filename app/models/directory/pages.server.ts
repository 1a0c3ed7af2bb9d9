import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff, requireUser } from "~/models/accounts/auth.server.ts";
import { getOrganisation, type Organisation } from "~/models/directory/organisations.server.ts";
import { getDirectoryPerson, type DirectoryPerson } from "~/models/directory/people.server.ts";
import { idParam } from "~/utils/ids.ts";
import { memoPerRequest } from "~/utils/per-request.server.ts";

/**
 * What the directory's pages share on the server.
 *
 * The subject of a directory page, loaded and authorised once per request: an area's layout
 * route and the page inside it both ask, and Remix runs their loaders side by side. For loaders
 * only: an action changes the subject, and what it changed must not be remembered as it was.
 */
const organisations = memoPerRequest<Organisation>();
const people = memoPerRequest<DirectoryPerson>();

/** /directory/:organisationId and its children: 404 unless the person looking may see it. */
export async function organisationOfPage({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = idParam(params, "organisationId");
  const organisation = await organisations.get(context, `${user.id}:${id}`, () =>
    getOrganisation(context.db, user, id),
  );
  return { user, organisation };
}

/** /directory/people/:personId and its children: 404 unless the person looking may see them. */
export async function personOfPage({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = idParam(params, "personId");
  const person = await people.get(context, `${user.id}:${id}`, () =>
    getDirectoryPerson(context.db, user, id),
  );
  return { user, person };
}

/** A form that changes the organisation: staff only, and an archived one goes back to its page. */
export async function organisationToChange(args: LoaderFunctionArgs) {
  await requireStaff(args.request, args.context);
  const { organisation } = await organisationOfPage(args);
  if (organisation.archivedAt) throw redirect(`/directory/${organisation.id}`);
  return organisation;
}

/** A form that changes the person: staff only, and an erased one goes back to their page. */
export async function personToChange(args: LoaderFunctionArgs) {
  await requireStaff(args.request, args.context);
  const { person } = await personOfPage(args);
  if (person.erasedAt) throw redirect(`/directory/people/${person.id}`);
  return person;
}
