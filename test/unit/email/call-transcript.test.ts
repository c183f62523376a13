import { describe, expect, it } from 'vitest';
import { emailTranslator } from '../../../functions/email/i18n.ts';
import type { EmailProps } from '../../../functions/email/registry.ts';
import { renderEmail } from '../../../functions/email/render-email.ts';
import {
  formatDuration,
  transcriptLimits,
} from '../../../functions/email/templates/call-transcript.tsx';

const recordingUrl = 'https://callsanta.example/recording/b-1?token=s3cret&v=1';

const call: EmailProps<'callTranscript'> = {
  childNames: ['Emma'],
  callAtUtc: '2026-12-24T23:30:00Z',
  timezone: 'America/New_York',
  durationSecs: 252,
  transcript: [
    { role: 'santa', message: 'Ho ho ho! Hello Emma, this is Santa.' },
    { role: 'child', message: '  Hi Santa! I want a red bike.  ' },
    // Silence and tool calls come through as blank turns.
    { role: 'santa', message: '   ' },
    { role: 'santa', message: "A red bike! I'll ask the elves." },
  ],
};

function longTranscript(count: number, message: (index: number) => string) {
  return Array.from({ length: count }, (_, index) => ({
    role: index % 2 === 0 ? ('santa' as const) : ('child' as const),
    message: message(index),
  }));
}

describe('call transcript', () => {
  it('thanks, says when and how long, and writes out the dialogue, in html and text', async () => {
    const email = await renderEmail('callTranscript', call);

    expect(email.subject).toBe("Emma's call with Santa: the transcript");
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Thank you for letting Santa call Emma!');
      expect(part).toContain(
        'Santa called Emma on Thursday, December 24, 2026 at 6:30 PM Eastern Standard Time. The call lasted 4 minutes and 12 seconds.',
      );
      expect(part).toContain('What Santa and Emma said');
      expect(part).not.toContain('download the recording');
      expect(part).not.toContain('video');
      expect(part).not.toContain('private');
      expect(part).not.toContain('too long to show');
    }
    // One line per turn, speaker first, in the order spoken; the blank turn is gone.
    expect(email.text).toContain(
      "Santa: Ho ho ho! Hello Emma, this is Santa.\n\nEmma: Hi Santa! I want a red bike.\n\nSanta: A red bike! I'll ask the elves.",
    );
    expect(email.html).toContain('Santa:</strong> Ho ho ho! Hello Emma, this is Santa.</p>');
    expect(email.html).toContain('Emma:</strong> Hi Santa! I want a red bike.</p>');
    expect(email.html).toContain('Santa:</strong> A red bike! I&#x27;ll ask the elves.</p>');
    expect(email.html).not.toContain('<!-- -->');
    expect(email.text).not.toMatch(/<[a-z]/i);
  });

  it('offers the private recording link only when the recording was bought', async () => {
    const email = await renderEmail('callTranscript', { ...call, recordingUrl });

    expect(email.subject).toBe("Emma's call with Santa: the transcript and recording");
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Listen to and download the recording');
      expect(part).toContain('Your video of the call is being made');
      expect(part).toContain('This link is private to you');
      expect(part).not.toContain('Get the video');
    }
    expect(email.html).toContain(
      'href="https://callsanta.example/recording/b-1?token=s3cret&amp;v=1"',
    );
    expect(email.text).toContain(recordingUrl);

    const without = await renderEmail('callTranscript', call);
    expect(without.html).not.toContain('token=s3cret');
    expect(without.text).not.toContain('token=s3cret');
  });

  it('offers a parent who did not buy the recording to get it, promising no video otherwise', async () => {
    const offerUrl = 'https://callsanta.example/recording/b-1#token=s3cret';
    const email = await renderEmail('callTranscript', {
      ...call,
      recordingOffer: { url: offerUrl, price: '$2.99' },
    });

    expect(email.subject).toBe("Emma's call with Santa: the transcript");
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Get the video of this call — $2.99');
      expect(part).not.toContain('is being made');
    }
    expect(email.html).toContain('href="https://callsanta.example/recording/b-1#token=s3cret"');
  });

  it('shows the call time in the parent time zone', async () => {
    const email = await renderEmail('callTranscript', { ...call, timezone: 'Asia/Tokyo' });

    expect(email.html).toContain('Friday, December 25, 2026 at 8:30 AM Japan Standard Time');
    expect(email.text).toContain('Friday, December 25, 2026 at 8:30 AM Japan Standard Time');
  });

  it('says so when there were no words to write down', async () => {
    const email = await renderEmail('callTranscript', {
      ...call,
      transcript: [{ role: 'child', message: ' ' }],
    });

    expect(email.text).toContain('There were no words on this call to write down.');
    expect(email.text).not.toContain('Emma:');
  });

  it(`stops a long transcript at ${transcriptLimits.lines} lines, with a note`, async () => {
    const email = await renderEmail('callTranscript', {
      ...call,
      recordingUrl,
      transcript: longTranscript(500, (index) => `Line ${index} of the call.`),
    });

    for (const part of [email.html, email.text]) {
      expect(part).toContain('Line 199 of the call.');
      expect(part).not.toContain('Line 200 of the call.');
      expect(part).toContain(
        'This transcript is too long to show in full in an email, so it stops here: 300 more lines are not shown. The recording has the whole call.',
      );
    }
  });

  it('cuts at the character budget too, keeping the html small enough not to be clipped', async () => {
    const speech =
      "Santa, I've been good all year and I'd like a puppy, a bike and a book. ".repeat(5);
    const email = await renderEmail('callTranscript', {
      ...call,
      transcript: longTranscript(400, (index) => `${index} ${speech}`),
    });

    // Gmail clips an email's html beyond about 102 KB.
    expect(email.html.length).toBeLessThan(100_000);
    expect(email.text).toContain('more lines are not shown.');
    expect(email.text).not.toContain('The recording has the whole call.');
    expect(email.text).toContain('…');
  });

  it('shortens one giant message rather than sending it whole', async () => {
    const email = await renderEmail('callTranscript', {
      ...call,
      transcript: [{ role: 'child', message: `a${'🎁'.repeat(transcriptLimits.characters)}` }],
    });

    expect(email.html.length).toBeLessThan(transcriptLimits.characters + 10_000);
    expect(email.text).toContain(
      'This transcript is too long to show in full in an email, so it stops here.',
    );
    // Never half an emoji before the ellipsis.
    expect(email.text).toMatch(/🎁…/);
    expect(email.text).not.toContain('\ufffd');
  });

  it('escapes hostile names and messages: text in the html, never markup', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const email = await renderEmail('callTranscript', {
      ...call,
      childNames: [hostile],
      recordingUrl,
      transcript: [
        { role: 'child', message: hostile },
        { role: 'santa', message: '<a href="https://evil.example">claim your prize</a>' },
      ],
    });

    expect(email.html).not.toContain('<script');
    expect(email.html).not.toContain('<img');
    expect(email.html).not.toContain('evil.example"');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).toContain('&lt;a href=&quot;https://evil.example&quot;&gt;');
    // The text part is not markup; it carries the words exactly as spoken.
    expect(email.text).toContain(`${hostile}: ${hostile}`);
  });

  it.each([
    ['a javascript: recording link', { recordingUrl: 'javascript:alert(1)' }],
    ['a data: recording link', { recordingUrl: 'data:text/html,<script>alert(1)</script>' }],
    ['a negative duration', { durationSecs: -1 }],
    ['a duration that is not a number', { durationSecs: Number.NaN }],
    ['an endless duration', { durationSecs: Number.POSITIVE_INFINITY }],
    ['an unknown speaker', { transcript: [{ role: 'elf', message: 'Hello!' }] }],
    ['a message that is not text', { transcript: [{ role: 'santa', message: 42 }] }],
    ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }],
    ['a call time that is not an instant', { callAtUtc: 'last night' }],
    ['a blank child name', { childNames: ['   '] }],
    ['no child at all', { childNames: [] }],
  ])('refuses %s', async (_what, change) => {
    // Typed loosely on purpose: the schema, not the compiler, must stop these at run time.
    const props = { ...call, ...change } as EmailProps<'callTranscript'>;

    await expect(renderEmail('callTranscript', props)).rejects.toThrow();
  });
});

describe('formatDuration', () => {
  it.each([
    ['en', 0, '0 seconds'],
    ['en', 1, '1 second'],
    ['en', 45.4, '45 seconds'],
    ['en', 60, '1 minute'],
    ['en', 252, '4 minutes and 12 seconds'],
    ['en', 3725, '1 hour and 2 minutes'],
    ['en', 7200, '2 hours'],
    ['es', 1, '1 segundo'],
    ['es', 252, '4 minutos y 12 segundos'],
    ['es', 3725, '1 hora y 2 minutos'],
    ['fr', 0, '0 seconde'],
    ['fr', 252, '4 minutes et 12 secondes'],
    ['fr', 7200, '2 heures'],
  ] as const)('in %s says %d seconds as "%s"', async (language, seconds, said) => {
    const t = await emailTranslator(language);

    expect(formatDuration(seconds, t, language)).toBe(said);
  });
});
