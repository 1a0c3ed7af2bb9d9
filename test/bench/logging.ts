// What structured request logging costs: GET /login on the built app with LOG_LEVEL=info (one JSON
// line per request to stdout, as deployed) against LOG_LEVEL=silent (no request line at all), in
// the same run, twice each and interleaved, since this machine is shared. The figure that matters
// is the app process's own CPU time per request; the bar is under 5% more with logs on.
//
//   npx tsx test/bench/logging.ts     (BENCH_SECONDS, BENCH_CONCURRENCY as for the other benches)
import pino from "pino";
import { importServerBuild } from "../../app-server.ts";
import { createLogger, requestLineLogger } from "../../app/utils/log.server.ts";
import { createRouteNamer } from "../../app/utils/request-route.server.ts";
import {
  createBenchDatabase,
  printTable,
  runBench,
  startApp,
  withServerCpu,
  type Result,
} from "./app-load.ts";

await runBench(async (serverUrl) => {
  const databaseUrl = await createBenchDatabase(serverUrl, "logging");
  const apps = {
    on: await startApp(databaseUrl, { LOG_LEVEL: "info", LOG_FORMAT: "json" }),
    off: await startApp(databaseUrl, { LOG_LEVEL: "silent" }),
  };
  const results: Record<"on" | "off", Result[]> = { on: [], off: [] };
  for (const round of [1, 2]) {
    for (const mode of ["on", "off"] as const) {
      const app = apps[mode];
      results[mode].push(
        await withServerCpu(app.pid, {
          name: `GET /login, logs ${mode} (round ${round})`,
          ok: (status) => status === 200,
          request: () => ({ url: `${app.url}/login` }),
        }),
      );
    }
  }
  console.log("\nRequest logging: GET /login, logs on (LOG_LEVEL=info, JSON to stdout) vs off (silent)");
  printTable([...results.on, ...results.off]);
  for (const result of [...results.on, ...results.off])
    if (result.bad)
      console.log(`!! ${result.name}: ${JSON.stringify(result.statuses)} ${result.samples.join("; ")}`);
  const mean = (list: Result[], pick: (result: Result) => number) =>
    list.reduce((sum, result) => sum + pick(result), 0) / list.length;
  const cpu = {
    on: mean(results.on, (r) => r.serverCpuMs ?? 0),
    off: mean(results.off, (r) => r.serverCpuMs ?? 0),
  };
  const rate = { on: mean(results.on, (r) => r.perSecond), off: mean(results.off, (r) => r.perSecond) };
  console.log(
    `app CPU per request: logs on ${cpu.on.toFixed(3)} ms, off ${cpu.off.toFixed(3)} ms ` +
      `(${(((cpu.on - cpu.off) / cpu.off) * 100).toFixed(1)}% more with logs; the bar is under 5%)`,
  );
  console.log(
    `requests/s: logs on ${rate.on.toFixed(0)}, off ${rate.off.toFixed(0)} ` +
      `(${(((rate.off - rate.on) / rate.off) * 100).toFixed(1)}% fewer with logs)`,
  );

  // On a shared machine the two runs above differ by more than logging costs, so the work logging
  // adds to a request is also timed on its own: naming the route and writing the line (to /dev/null).
  const nameRequest = createRouteNamer((await importServerBuild()).routes);
  // The request-line logger app-server.ts writes with (no redaction pass: its fields are fixed).
  const log = requestLineLogger(
    createLogger(
      { LOG_LEVEL: "info", logFormat: "json" },
      pino.destination({ dest: "/dev/null", sync: true }),
    ),
  );
  // Every line a path never seen before: the dearest case (a known path's name is remembered).
  const lines = 20_000;
  const before = process.cpuUsage();
  for (let n = 0; n < lines; n++) {
    const { route, path } = nameRequest(`/s/SurveyToken${n}Abcdefghijklmnopqrstuv`);
    log.info(
      { reqId: "9d8fed49-8404-4d97-a8e2-1978fc40c386", method: "GET", route, path, status: 200, ms: 3.2 },
      "request",
    );
  }
  const used = process.cpuUsage(before);
  const perLineMs = (used.user + used.system) / 1000 / lines;
  console.log(
    `logging work alone, each path new: ${(perLineMs * 1000).toFixed(1)} µs CPU per request line = ` +
      `${((perLineMs / cpu.off) * 100).toFixed(2)}% of the app's CPU per GET /login with logs off`,
  );
});
