/** HTML from app/utils/markdown.server.ts only: rendered from text with raw HTML off, then sanitised. */
export function MarkdownView({ html, className = "" }: { html: string; className?: string }) {
  return <div className={`prose ${className}`.trim()} dangerouslySetInnerHTML={{ __html: html }} />;
}
