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
import appStyles from "~/styles/app.css";
import { getUser } from "~/models/accounts/auth.server.ts";
import { furnitureFor, htmlLang } from "~/utils/i18n-furniture.ts";
import { chosenLanguage } from "~/utils/language.server.ts";
import { navFor } from "~/utils/navigation.ts";
import { useNonce } from "~/utils/nonce.tsx";
import { usePageLanguage } from "~/utils/page-language.ts";
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
    /** For pages that follow the member's chosen language (see usePageLanguage). */
    chosenLanguage: await chosenLanguage(request, context.env),
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
  // Furniture in the page's language: Welsh around Welsh content, English elsewhere.
  const language = usePageLanguage();
  const f = furnitureFor(language);
  // A link with no Welsh name (staff areas) keeps its English one, said to be English.
  const navLabel = (to: string, label: string) => {
    const own = f.nav[to];
    return own ?? (language === "en" ? label : <span lang="en-GB">{label}</span>);
  };
  return (
    <html lang={htmlLang(language)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main-content">
          {f.skipToMain}
        </a>
        <header className="site-header">
          <div className="container site-header__inner">
            <a className="site-header__brand" href="/">
              {f.brand}
            </a>
            {user ? (
              <div className="site-header__user">
                <span>
                  {user.name}
                  <span className="site-header__role">
                    {f.roles[user.role]}
                    {user.isLeader ? f.leader : ""}
                  </span>
                </span>
                <Form method="post" action="/logout">
                  <button type="submit" className="button button--secondary button--small">
                    {f.signOut}
                  </button>
                </Form>
              </div>
            ) : null}
          </div>
          <div className="site-nav-bar">
            <div className="container">
              <nav aria-label={f.mainNav}>
                {/* On a phone the links fold into a menu (it works without JavaScript); wider, it is a row. */}
                <details className="site-menu" key={pathname}>
                  <summary className="site-menu__toggle">{f.menu}</summary>
                  <ul className="site-nav">
                    {user ? (
                      navFor(user.role).map((item) => (
                        <li key={item.to}>
                          <NavLink to={item.to} end={item.to === "/"}>
                            {navLabel(item.to, item.label)}
                          </NavLink>
                        </li>
                      ))
                    ) : (
                      <li>
                        <NavLink to="/login">{f.signIn}</NavLink>
                      </li>
                    )}
                    {showMailbox ? (
                      <li>
                        <NavLink to="/dev/mailbox">{f.devMailbox}</NavLink>
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
            <p>{f.footer}</p>
            <nav aria-label={f.footerNav}>
              <ul className="site-footer__links">
                <li>
                  <a href="/p">{f.footerPositions}</a>
                </li>
                <li>
                  <a href="/c">{f.footerResponses}</a>
                </li>
                <li>
                  <a href="/letters">{f.footerLetters}</a>
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
