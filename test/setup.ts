import { afterAll, afterEach, beforeAll } from "vitest";
import { server } from "./mocks/server.ts";

// Any outside request without a handler fails the test: nothing reaches the real network.
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
