// The sign-in page against a bare node:http server sending a static page of the same size:
// what the whole stack (express, headers, Remix, React, session and database work) costs per request.
import type { Benchmark } from "./load.ts";

const login: Benchmark = {
  name: "login",
  description: "GET /login (the app) against a static page of the same size (bare node:http)",
  async targets({ appUrl, barePage }) {
    const response = await fetch(`${appUrl}/login`);
    const html = await response.text();
    const type = response.headers.get("content-type") ?? "";
    if (response.status !== 200 || !type.startsWith("text/html")) {
      throw new Error(`GET /login answered ${response.status} ${type}, expected 200 text/html`);
    }
    const bytes = Buffer.byteLength(html);
    return [
      { name: "GET /login (app)", url: `${appUrl}/login` },
      { name: `GET static page (bare, ${(bytes / 1024).toFixed(1)} KiB)`, url: barePage(bytes) },
    ];
  },
  summarise([app, bare]) {
    if (!app || !bare || bare.requestsPerSecond === 0) return [];
    const ratio = app.requestsPerSecond / bare.requestsPerSecond;
    return [
      `app/bare requests/s: ${ratio.toFixed(3)} (the app serves /login at ${(ratio * 100).toFixed(1)}% ` +
        "of the rate of a bare node:http server sending the same number of bytes)",
    ];
  },
};

export default login;
