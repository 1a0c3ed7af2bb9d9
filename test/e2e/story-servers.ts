/**
 * The browser stories run in several Playwright workers at once, each against a server of its own
 * (its own port and embedded database), so one story's changes to the demo accounts never reach a
 * story running beside it. Server i listens on E2E_PORT + 2i, and its fixture server (GOV.UK and
 * Citizen Space for the consultation radar) on the port after.
 */
export const storyWorkers = Math.max(1, Number(process.env.E2E_WORKERS ?? 2));

const firstPort = Number(process.env.E2E_PORT ?? 3100);

export function storyServerPort(parallelIndex: number): number {
  return firstPort + 2 * parallelIndex;
}

/**
 * The server of the Playwright worker this runs in: Playwright numbers the workers running at one
 * time 0, 1, … in TEST_PARALLEL_INDEX, and loads the config again inside each worker after setting it.
 */
export function thisWorkersServerPort(): number {
  return storyServerPort(Number(process.env.TEST_PARALLEL_INDEX ?? 0));
}
