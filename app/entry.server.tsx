import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./utils/nonce.tsx";
import { withoutNulBytes } from "./utils/without-nul.server.ts";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  // Crawlers and no-JS readers get the whole page at once; browsers get it streamed.
  // Crawlers and no-JS readers get the whole page at once; browsers get it streamed.
  const wholePage = isbot(request.headers.get("user-agent") ?? "");
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const respond = () => {
      shellRendered = true;
      const body = withoutNulBytes();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(
        new Response(createReadableStreamFromReadable(body), {
          headers: responseHeaders,
          status: responseStatusCode,
        }),
      );
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider nonce={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          if (!wholePage) respond();
        },
        onAllReady() {
          clearTimeout(stop);
          if (wholePage) respond();
        },
        onShellError(error: unknown) {
          clearTimeout(stop);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered)
            loadContext.log.error({ err: error, reqId: loadContext.requestId }, "render failed");
        },
      },
    );
    // Stops a render still waiting after the delay. A render that finished has nothing to stop, and
    // a timer left running for it would keep the whole render in memory until then.
    const stop = setTimeout(abort, ABORT_DELAY + 1_000);
  });
}

export function handleError(
  error: unknown,
  { request, context }: { request: Request; context: AppLoadContext },
) {
  // Aborted requests and plain 404s are not faults worth a stack trace.
  if (request.signal.aborted || isRouteErrorResponse(error)) return;
  context.log.error({ err: error, reqId: context.requestId }, "request failed");
}
