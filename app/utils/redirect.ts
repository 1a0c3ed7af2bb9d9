/**
 * Only paths on this site: "/x" yes; "//evil.example", "/\\evil.example", "https://..." and
 * anything with control characters fall back, so a crafted sign-in link cannot send people away.
 */
export function safeRedirectPath(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > 2000) return fallback;
  if (to.startsWith("//") || to.includes("\\") || hasControlCharacter(to)) return fallback;
  // The URL parser is the judge of what a browser would do with it.
  const parsed = new URL(to, "http://mutual-voice.invalid");
  if (parsed.origin !== "http://mutual-voice.invalid") return fallback;
  if (parsed.pathname.startsWith("/login") || parsed.pathname.startsWith("/logout")) return fallback;
  return parsed.pathname + parsed.search + parsed.hash;
}

function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
