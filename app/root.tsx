import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorPage } from "~/components/error-page.tsx";
import { roleLabels } from "~/schemas/roles.ts";
import appStyles from "~/styles/app.css";
import { getUser } from "~/models/accounts/auth.server.ts";
import { navFor } from "~/utils/navigation.ts";
import { useNonce } from "~/utils/nonce.tsx";
import { skipRevalidationAfterPreview } from "~/utils/revalidation.ts";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  return {
    user: user && { name: user.name, role: user.role, isLeader: user.isLeader },
    demoMode: context.env.demoMode,
  };
}

// A live preview reloads nothing: see skipRevalidationAfterPreview.
export const shouldRevalidate = skipRevalidationAfterPreview;

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user;
  // The demo's mailbox is for people signing in, not for the public reading published pages.
  const { pathname } = useLocation();
  const showMailbox = Boolean(data?.demoMode) && (Boolean(user) || pathname.startsWith("/login"));
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main-content">
          Skip to main content
        </a>
        <header className="site-header">
          <div className="container site-header__inner">
            <a className="site-header__brand" href="/">
              Mutual Voice
            </a>
            {user ? (
              <div className="site-header__user">
                <span>
                  {user.name}
                  <span className="site-header__role">
                    {roleLabels[user.role]}
                    {user.isLeader ? ", leader" : ""}
                  </span>
                </span>
                <Form method="post" action="/logout">
                  <button type="submit" className="button button--secondary button--small">
                    Sign out
                  </button>
                </Form>
              </div>
            ) : null}
          </div>
          <div className="site-nav-bar">
            <div className="container">
              <nav aria-label="Main">
                {/* On a phone the links fold into a menu (it works without JavaScript); wider, it is a row. */}
                <details className="site-menu" key={pathname}>
                  <summary className="site-menu__toggle">Menu</summary>
                  <ul className="site-nav">
                    {user ? (
                      navFor(user.role).map((item) => (
                        <li key={item.to}>
                          <NavLink to={item.to} end={item.to === "/"}>
                            {item.label}
                          </NavLink>
                        </li>
                      ))
                    ) : (
                      <li>
                        <NavLink to="/login">Sign in</NavLink>
                      </li>
                    )}
                    {showMailbox ? (
                      <li>
                        <NavLink to="/dev/mailbox">Dev mailbox</NavLink>
                      </li>
                    ) : null}
                  </ul>
                </details>
              </nav>
            </div>
          </div>
        </header>
        <main id="main-content" className="container" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            <p>Mutual Voice · the advocacy desk of the Public Service Mutuals Network</p>
            <nav aria-label="Published by the network">
              <ul className="site-footer__links">
                <li>
                  <a href="/p">Policy positions</a>
                </li>
                <li>
                  <a href="/c">Consultation responses</a>
                </li>
                <li>
                  <a href="/letters">Open letters</a>
                </li>
              </ul>
            </nav>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
