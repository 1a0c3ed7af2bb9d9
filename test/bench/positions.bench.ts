// A signed-in staff page against a bare node:http server sending a static page of the same size:
// the demo policy officer's list of positions, with a session made as the app makes one, so each
// request also pays the session lookup, the signed-in layout and the page's own queries.
import { demoAccounts } from "../../db/demo-network.ts";
import type { Benchmark } from "./load.ts";

const positions: Benchmark = {
  name: "positions",
  description:
    "GET /positions signed in as policy staff (the app) against a static page of the same size (bare node:http)",
  async targets({ appUrl, barePage, signIn }) {
    const cookie = await signIn(demoAccounts.policy);
    const response = await fetch(`${appUrl}/positions`, { headers: { Cookie: cookie }, redirect: "manual" });
    const html = await response.text();
    const type = response.headers.get("content-type") ?? "";
    if (response.status !== 200 || !type.startsWith("text/html")) {
      throw new Error(`GET /positions signed in answered ${response.status} ${type}, expected 200 text/html`);
    }
    if (!html.includes("Sign out")) throw new Error("GET /positions did not show a signed-in page");
    const bytes = Buffer.byteLength(html);
    return [
      { name: "GET /positions (app, signed in)", url: `${appUrl}/positions`, headers: { Cookie: cookie } },
      { name: `GET static page (bare, ${(bytes / 1024).toFixed(1)} KiB)`, url: barePage(bytes) },
    ];
  },
  summarise([app, bare]) {
    if (!app || !bare || bare.requestsPerSecond === 0) return [];
    const ratio = app.requestsPerSecond / bare.requestsPerSecond;
    return [
      `app/bare requests/s: ${ratio.toFixed(3)} (the app serves /positions to signed-in staff at ` +
        `${(ratio * 100).toFixed(1)}% of the rate of a bare node:http server sending the same number of bytes; ` +
        "target 1.5%)",
    ];
  },
};

export default positions;
