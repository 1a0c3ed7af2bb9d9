import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EvidenceUses } from "~/components/homes/evidence-uses.tsx";
import { requireMember } from "~/models/accounts/auth.server.ts";
import { listEvidenceUses } from "~/models/evidence/uses.server.ts";

export const meta: MetaFunction = () => [{ title: "Where your evidence was used · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireMember(request, context);
  return { uses: await listEvidenceUses(context.db, user, 500) };
}

export default function WhereEvidenceWasUsed() {
  const { uses } = useLoaderData<typeof loader>();
  return <EvidenceUses uses={uses} more={false} page />;
}
