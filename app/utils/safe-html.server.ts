import sanitizeHtml from "sanitize-html";

/**
 * The last defence of rendered Markdown: only these tags and attributes, and links only to web
 * pages and mail, reach a page, whatever the parser let through.
 */
const allowedTags = [
  "p",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "ol",
  "li",
  "a",
  "strong",
  "em",
  "s",
  "code",
  "pre",
  "blockquote",
  "hr",
  "br",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "sup",
  "mark",
  "div",
  "section",
  "span",
];

export function sanitize(html: string): string {
  return sanitizeHtml(html, {
    allowedTags,
    allowedAttributes: { a: ["href", "id"], "*": ["class", "id", "aria-labelledby"], ol: ["start"] },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesAppliedToAttributes: ["href"],
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
  });
}
