import { isRefusal } from "./refusal.server.ts";

/**
 * Work done once per request however many loaders ask for it: the signed-in person (root and the
 * page both need it) and an area's subject (its layout and the child page both load it). Remix
 * hands every loader of one request the same load context, so the context keys the memo; the
 * key says what was asked, and includes whatever the answer depends on (the session cookie, an id).
 */
export function memoPerRequest<T>() {
  const memo = new WeakMap<object, Map<string, Promise<T>>>();
  return {
    get(context: object, key: string, work: () => Promise<T>): Promise<T> {
      let entries = memo.get(context);
      if (!entries) memo.set(context, (entries = new Map()));
      let answer = entries.get(key);
      if (!answer) {
        answer = work();
        entries.set(key, answer);
        // A refusal is an answer too, but a failure (a dropped connection) should not be kept.
        answer.catch(() => entries.delete(key));
      }
      // A layout and its page refused together would throw one Response twice, and Remix reading its
      // body the second time fails ("Body is unusable"): each caller gets a refusal of its own.
      return answer.catch((error: unknown) => {
        throw isRefusal(error) ? error.copy() : error;
      });
    },
    /** After a change the memo would hide: signing out, say. */
    forget(context: object) {
      memo.delete(context);
    },
  };
}
