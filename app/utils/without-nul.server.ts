import { Transform, type TransformCallback } from "node:stream";

/**
 * React 18.3's streaming renderer flushes its whole 2,048-byte buffer when a multi-byte character
 * does not fit at the end, sending the unused tail as NUL bytes (react issue 31134, fixed in React
 * 19). The character itself is written again at the start of the next buffer, so dropping every NUL
 * restores the page exactly. Pages never carry NUL of their own: text fields refuse it. Left in,
 * the NULs made the browser's copy differ from the server's and hydration failed (React error #423,
 * seen on /evidence).
 */
export function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      if (chunk.indexOf(0) === -1) return done(null, chunk);
      done(
        null,
        chunk.filter((byte) => byte !== 0),
      );
    },
  });
}
