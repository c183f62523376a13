import type { OutboxMessage } from './outbox.ts';
import { emailFrameSandbox, escapeHtml, linkifyText, withLinksInNewTab } from './outbox-html.ts';

/**
 * The outbox as a page: newest first, each email's HTML in a sandboxed frame whose links and
 * buttons open in a new tab (no scripts run in it), and its text part with clickable links.
 */
export function renderOutboxPage(messages: readonly OutboxMessage[]): string {
  const items = [...messages]
    .reverse()
    .map(
      (message) => `<article>
  <h2>${escapeHtml(message.subject)}</h2>
  <dl>
    <dt>To</dt><dd>${escapeHtml(message.to)}</dd>
    <dt>From</dt><dd>${escapeHtml(message.from)}</dd>
    <dt>Sent</dt><dd><time datetime="${escapeHtml(message.sentAt)}">${escapeHtml(message.sentAt)}</time></dd>
  </dl>
  ${message.html ? `<iframe title="${escapeHtml(message.subject)}" sandbox="${emailFrameSandbox}" srcdoc="${escapeHtml(withLinksInNewTab(message.html))}"></iframe>` : ''}
  <details${message.html ? '' : ' open'}><summary>Plain text</summary><pre>${linkifyText(message.text)}</pre></details>
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local outbox · CallSanta</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 56rem; padding: 1rem; color: #1f2933; }
  article { border: 1px solid #d9e2ec; border-radius: 8px; padding: 1rem; margin: 1rem 0; }
  h2 { margin: 0 0 .5rem; font-size: 1.1rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 .75rem; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  iframe { width: 100%; height: 24rem; border: 1px solid #d9e2ec; border-radius: 4px; }
  pre { white-space: pre-wrap; }
</style>
</head>
<body>
<h1>Local outbox</h1>
<p>Emails the local SES accepted, newest first (${messages.length}). As JSON: <a href="?format=json">?format=json</a>.</p>
${items || '<p>No emails yet.</p>'}
</body>
</html>`;
}
