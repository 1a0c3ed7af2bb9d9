import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  govukContentFixtures,
  govukFixtures,
  northernIrelandFixtures,
  scotlandFixtures,
  searchPage,
  searchResult,
} from "./consultation-fixtures.ts";

/**
 * GOV.UK and two Citizen Space sites on one local port, for what msw cannot reach: the built app
 * in the browser stories and the import benchmark. GOV.UK is at the root; the sites under
 * /scot and /ni (Citizen Space site URLs may carry a path).
 */
export interface FixtureServer {
  url: string;
  close(): Promise<void>;
}

export async function startConsultationFixtureServer(
  options: { port?: number; govukResults?: () => unknown[] } = {},
): Promise<FixtureServer> {
  const govukResults = options.govukResults ?? (() => govukFixtures().map(searchResult));
  let origin = "";
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "Content-Type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === "/api/search.json") {
      const all = govukResults();
      const start = Number(url.searchParams.get("start") ?? "0");
      const count = Number(url.searchParams.get("count") ?? "10");
      return send(200, searchPage(all.slice(start, start + count), all.length, start));
    }
    if (url.pathname.startsWith("/api/content/")) {
      const item = govukContentFixtures()[url.pathname.replace(/^\/api\/content/, "")];
      return item ? send(200, item) : send(404, { error: { code: "not_found" } });
    }
    if (url.pathname === "/scot/api/2.4/json_search_results")
      return send(200, scotlandFixtures(`${origin}/scot`));
    if (url.pathname === "/ni/api/2.4/json_search_results")
      return send(200, northernIrelandFixtures(`${origin}/ni`));
    return send(404, { error: "not found" });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address: AddressInfo | string | null = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
