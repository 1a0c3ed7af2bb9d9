import MarkdownIt from "markdown-it";

// The letter body is Markdown written by staff and shown to the public: no raw HTML, no images
// (they would load from other sites), and links only to web pages or email addresses.
// The positions engineer's markdown.server.ts does the same for positions; the two will merge.

const allowedLink = /^(https?:|mailto:)/i;

function createRenderer() {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: true, breaks: false });
  md.validateLink = (url) => allowedLink.test(url.trim());
  md.disable(["image"]);
  const renderLinkOpen = md.renderer.rules.link_open;
  md.renderer.rules.link_open = (tokens, index, options, env, self) => {
    tokens[index]?.attrSet("rel", "noopener noreferrer");
    return renderLinkOpen
      ? renderLinkOpen(tokens, index, options, env, self)
      : self.renderToken(tokens, index, options);
  };
  return md;
}

const md = createRenderer();

export function renderLetterMarkdown(source: string): string {
  return md.render(source);
}

/** The parsed block and inline tokens, for renderers other than HTML (the PDF). */
export function parseLetterMarkdown(source: string) {
  return md.parse(source, {});
}
