/**
 * How the local outbox shows an email: its HTML in a frame whose links open, and its text part
 * with its addresses as links. Pure string functions, so the page renderer stays simple.
 */

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/**
 * The frame's sandbox: links may open a new tab that escapes the sandbox (so the site it opens
 * runs normally) or, on a click, navigate the outbox itself; the email's own scripts, forms and
 * same-origin access stay off.
 */
export const emailFrameSandbox =
  'allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation';

const baseTag = '<base target="_blank">';

/**
 * The email's HTML with `<base target="_blank">` first in its head, so every link and button
 * opens in a new tab instead of inside the small frame. A document with no `<head>` gets the
 * tag at its start (the parser puts it into the head it makes); put first, it wins over any
 * `<base>` of the email's own.
 */
export function withLinksInNewTab(html: string): string {
  const head = /<head(?:\s[^>]*)?>/i.exec(html);
  if (!head) return `${baseTag}${html}`;
  const end = head.index + head[0].length;
  return `${html.slice(0, end)}${baseTag}${html.slice(end)}`;
}

/** An escaped http(s) URL: up to white space or an escaped <, >, " or '. */
const escapedUrl = /https?:\/\/(?:(?!&lt;|&gt;|&quot;|&#39;)\S)+/g;
/** Punctuation that ends a sentence or closes a bracket around a URL, not part of it. */
const trailingPunctuation = /[.,;:!?)\]}]+$/;

/**
 * The text part as HTML: escaped first, then each http(s) URL made a link that opens in a new
 * tab. Only http(s): `javascript:` and other schemes stay text. The URL's escaped form is
 * used as the `href` (the browser unescapes `&amp;` back to `&`).
 */
export function linkifyText(text: string): string {
  return escapeHtml(text).replace(escapedUrl, (match) => {
    const url = match.replace(trailingPunctuation, '');
    const rest = match.slice(url.length);
    return `<a href="${url}" target="_blank" rel="noopener noreferrer">${url}</a>${rest}`;
  });
}
