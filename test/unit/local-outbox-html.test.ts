import { describe, expect, it } from 'vitest';
import { linkifyText, withLinksInNewTab } from '../../local/ses/outbox-html.ts';
import { renderOutboxPage } from '../../local/ses/outbox-page.ts';

const link = (url: string) =>
  `<a href="${url}" target="_blank" rel="noopener noreferrer">${url}</a>`;

describe('linkifyText: the text part, escaped, with its http(s) URLs as links', () => {
  it.each([
    ['no URL', 'Hello Ada', 'Hello Ada'],
    ['markup is escaped', '<b>hi</b> & "you"', '&lt;b&gt;hi&lt;/b&gt; &amp; &quot;you&quot;'],
    [
      'a manage link with its token',
      'Manage: http://127.0.0.1:3000/manage/01J#token=abc.def-1',
      `Manage: ${link('http://127.0.0.1:3000/manage/01J#token=abc.def-1')}`,
    ],
    ['https', 'See https://callsanta.com/book', `See ${link('https://callsanta.com/book')}`],
    [
      'a query keeps its & (escaped in the href)',
      'https://x.test/?a=1&b=2',
      link('https://x.test/?a=1&amp;b=2'),
    ],
    ['a full stop after it', 'Go to https://x.test/a.', `Go to ${link('https://x.test/a')}.`],
    [
      'in brackets, as toPlainText writes button links',
      'Manage [https://x.test/m#token=t]',
      `Manage [${link('https://x.test/m#token=t')}]`,
    ],
    ['in angle brackets', '<https://x.test/a>', `&lt;${link('https://x.test/a')}&gt;`],
    [
      'a quote cannot break out of the href',
      'https://x.test/"onmouseover="alert(1)',
      `${link('https://x.test/')}&quot;onmouseover=&quot;alert(1)`,
    ],
    ['javascript: stays text', 'javascript:alert(1)', 'javascript:alert(1)'],
    ['other schemes stay text', 'ftp://x.test/a mailto:a@b.test', 'ftp://x.test/a mailto:a@b.test'],
    [
      'two on two lines',
      'a https://x.test/1\nb https://x.test/2',
      `a ${link('https://x.test/1')}\nb ${link('https://x.test/2')}`,
    ],
  ])('%s', (_case, text, html) => {
    expect(linkifyText(text)).toBe(html);
  });
});

describe('withLinksInNewTab: <base target="_blank"> first in the head', () => {
  it.each([
    [
      'a head',
      '<html><head><title>t</title></head><body></body></html>',
      '<html><head><base target="_blank"><title>t</title></head><body></body></html>',
    ],
    [
      'a head with attributes, in capitals',
      '<HTML><HEAD lang="en"><base href="x"></HEAD></HTML>',
      '<HTML><HEAD lang="en"><base target="_blank"><base href="x"></HEAD></HTML>',
    ],
    ['no head', '<p>Hi</p>', '<base target="_blank"><p>Hi</p>'],
    [
      'a <header> is not the head',
      '<header>x</header>',
      '<base target="_blank"><header>x</header>',
    ],
  ])('%s', (_case, html, expected) => {
    expect(withLinksInNewTab(html)).toBe(expected);
  });
});

describe('renderOutboxPage', () => {
  const message = {
    messageId: 'local-1',
    to: 'parent@example.com',
    from: 'santa@callsanta.test',
    subject: 'Booked',
    text: 'Manage [http://127.0.0.1/manage/1#token=t]',
    html: '<html><head></head><body><a href="http://127.0.0.1/manage/1#token=t">Manage</a><script>alert(1)</script></body></html>',
    sentAt: '2026-12-01T03:00:00.000Z',
  };

  it('frames the HTML so links open, and never lets its scripts run', () => {
    const page = renderOutboxPage([message]);

    const sandbox = /<iframe[^>]* sandbox="([^"]*)"/.exec(page)?.[1] ?? '';
    expect(sandbox.split(' ').sort()).toEqual([
      'allow-popups',
      'allow-popups-to-escape-sandbox',
      'allow-top-navigation-by-user-activation',
    ]);
    expect(sandbox).not.toContain('allow-scripts');
    expect(sandbox).not.toContain('allow-same-origin');
    expect(page).toContain(
      'srcdoc="&lt;html&gt;&lt;head&gt;&lt;base target=&quot;_blank&quot;&gt;',
    );
    expect(page).toContain(`<pre>Manage [${link('http://127.0.0.1/manage/1#token=t')}]</pre>`);
  });
});
