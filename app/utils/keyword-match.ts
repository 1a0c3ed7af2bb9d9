/** A topic keyword as the relevance check uses it. */
export interface TopicKeyword {
  topic: string;
  keyword: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Whole words only, any case: "VAT" matches "VAT relief" and "vat," but not "private" or
 * "elevation". Letters and digits of any script count as word characters, and a keyword of
 * several words matches whatever spacing the text uses between them.
 */
function keywordPattern(keyword: string): RegExp {
  const words = keyword.trim().split(/\s+/).map(escapeRegExp).join("\\s+");
  return new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, "iu");
}

/** The keywords found in any of the texts, in the order given, each once. */
export function matchKeywords(texts: readonly string[], keywords: readonly TopicKeyword[]): TopicKeyword[] {
  const matched: TopicKeyword[] = [];
  for (const entry of keywords) {
    const pattern = keywordPattern(entry.keyword);
    if (texts.some((text) => pattern.test(text))) matched.push(entry);
  }
  return matched;
}
