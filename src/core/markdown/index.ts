import type { RenderMarkdownOptions } from './render.js';

/**
 * Markdown, loaded on first use: markdown-it and its Unicode tables cost ~12 MB that a
 * process serving readers (who get HTML rendered at save time) never needs.
 */
export async function renderMarkdown(source: string, options?: RenderMarkdownOptions): Promise<string> {
  return (await import('./render.js')).renderMarkdown(source, options);
}

export async function markdownToPlainText(source: string): Promise<string> {
  return (await import('./render.js')).markdownToPlainText(source);
}
