import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { roleLabels } from "~/schemas/people.ts";
import { getUser } from "~/utils/auth.server.ts";
import { navFor } from "~/utils/navigation.ts";

export const meta: MetaFunction = () => [{ title: "Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  return { user: user && { name: user.name, role: user.role, isLeader: user.isLeader } };
}

export default function Home() {
  const { user } = useLoaderData<typeof loader>();
  if (!user) {
    return (
      <>
        <h1>Mutual Voice</h1>
        <p className="lead">
          The advocacy desk of the Public Service Mutuals Network: we turn our members&apos; experience into evidence,
          and evidence into influence with government in Westminster, Edinburgh, Cardiff, Belfast and town halls.
        </p>
        <p>
          Policy staff draft positions and compile consultation responses; member organisations give evidence; member
          leaders sign open letters for their organisations.
        </p>
        <p>
          <Link className="button" to="/login">
            Sign in
          </Link>
        </p>
      </>
    );
  }
  const areas = navFor(user.role).filter((item) => item.to !== "/");
  return (
    <>
      <h1>Welcome, {user.name}</h1>
      <p className="lead">
        You are signed in as {roleLabels[user.role].toLowerCase()}
        {user.isLeader ? " and can sign open letters for your organisation" : ""}.
      </p>
      <h2>What you can do here</h2>
      <ul className="card-list">
        {areas.map((item) => (
          <li key={item.to} className="card">
            <Link to={item.to}>{item.label}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
