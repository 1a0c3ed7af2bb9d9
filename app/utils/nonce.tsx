import { createContext, useContext, type ReactNode } from "react";

const NonceContext = createContext("");

/** The CSP nonce reaches <Scripts> through context: only the server knows it. */
export function NonceProvider({ nonce, children }: { nonce: string; children: ReactNode }) {
  return <NonceContext.Provider value={nonce}>{children}</NonceContext.Provider>;
}

export const useNonce = () => useContext(NonceContext);
