import type { ReactNode } from 'react';
import { Page } from '../components/Page.tsx';
import { callingHoursText, capitalised } from '../lib/calling-hours-text.ts';
import { durationText, type FaqFacts, faqFactsFor, retryText } from '../lib/faq-facts.ts';
import { Link } from '../lib/router.tsx';
import { useCallRules } from '../lib/useCallRules.ts';
import { PriceLine } from './Landing.tsx';

interface Question {
  readonly id: string;
  readonly question: string;
  readonly answer: ReactNode;
}

/** The questions parents ask, answered with the numbers the service runs by (faq-facts.ts). */
function questionsFor(facts: FaqFacts): readonly Question[] {
  const hours = callingHoursText(facts);
  return [
    {
      id: 'how',
      question: 'How does the call work?',
      answer: (
        <>
          <p>
            You tell us your child's first name, age and a few things they love — in words or as a
            short voice note — and choose a time. At that time Santa rings the phone number you gave
            us. Hand the phone to your child: Santa greets them by name, talks about what you told
            him and listens to their wishes. A call lasts at most{' '}
            {durationText(facts.maxCallSeconds)}.
          </p>
          <p>
            Afterwards we email you the transcript, and the recording if you chose it.{' '}
            <a href="/#sample">Hear a short sample of Santa's voice</a>.
          </p>
        </>
      ),
    },
    {
      id: 'ai',
      question: 'Is it really Santa?',
      answer: (
        <p>
          Santa's voice is <strong>AI-generated</strong>: a friendly computer voice made by our
          voice provider (ElevenLabs), led by instructions we wrote so he stays kind, festive and
          suitable for children. We say so on this site and before you pay — parents should always
          know.
        </p>
      ),
    },
    {
      id: 'not-answered',
      question: 'What if nobody answers, or the line is busy?',
      answer: (
        <>
          <p>
            The phone rings for {durationText(facts.callRingSeconds)}. If the line is busy, nobody
            answers or voicemail picks up,{' '}
            {retryText(facts.callMaxRetries, facts.callRetryWaitSeconds)}
          </p>
          <p>
            If Santa still cannot get through, the booking ends and{' '}
            <strong>you are refunded in full automatically</strong>; we email you to say what
            happened. When calling hours end before he gets through, he either tries again when they
            open next or the call is cancelled and refunded — you choose which when you book.
          </p>
        </>
      ),
    },
    {
      id: 'hours',
      question: 'When can Santa call?',
      answer: (
        <p>
          <strong>{capitalised(hours)}</strong> on your child's clock — the time zone of the phone
          number you give us, which you can change when you book. You can also ask Santa to call
          right now, if it is within those hours.
        </p>
      ),
    },
    {
      id: 'change',
      question: 'Can I change the time or cancel?',
      answer: (
        <>
          <p>
            Yes. Open the <strong>Manage your booking</strong> link in your confirmation email. You
            can move the call to another free time until it starts.
          </p>
          <p>
            Cancel up to <strong>{facts.refundCutoffMinutes} minutes</strong> before the call and
            you get a full refund. Cancelled later than that, the call is off and the payment is not
            returned.
          </p>
        </>
      ),
    },
    {
      id: 'recording',
      question: 'Can I keep the recording, or a video?',
      answer: (
        <p>
          Add the recording when you book, or buy it after the call for up to{' '}
          {facts.recordingOfferDays} days. You can listen to it and read the transcript on the
          recording page, download it, and watch a short video made from the call with its words on
          screen. Recordings and videos are kept for {facts.recordingDays} days — long enough to
          enjoy again next Christmas — then deleted automatically.
        </p>
      ),
    },
    {
      id: 'privacy',
      question: "What happens to my child's details?",
      answer: (
        <p>
          We use them only to make the call. A voice note is deleted once the call is over (and
          after {facts.voiceNoteDays} days at the latest); the booking itself is deleted{' '}
          {facts.bookingDays} days after the call. You can delete everything about your child at any
          time from the manage page: choose <strong>Delete my child's data</strong>. Details are in
          our <Link to="/privacy">privacy notes</Link>.
        </p>
      ),
    },
    {
      id: 'cost',
      question: 'What does a call cost?',
      answer: (
        <>
          <PriceLine />
          <p>
            You pay once, when you book; the total is shown before you pay. There is no
            subscription.
          </p>
        </>
      ),
    },
    {
      id: 'help',
      question: 'Something went wrong — how do I reach you?',
      answer: (
        <p>
          <Link to="/contact">Write to us</Link> and include your booking number (it is in your
          confirmation email) if you have one. We answer by email.
        </p>
      ),
    },
  ];
}

export default function Faq() {
  // The stage's own hours and retries once config.json is read; the defaults until then.
  const questions = questionsFor(faqFactsFor(useCallRules()));
  return (
    <Page
      title="Questions and answers"
      heading="Questions and answers"
      lead="What parents ask us most, answered with the rules the service runs by."
      className="faq"
    >
      <div className="faq-layout">
        <nav aria-label="Questions" className="faq-index">
          <ul>
            {questions.map(({ id, question }) => (
              <li key={id}>
                <a href={`#${id}`}>{question}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="faq-answers">
          {questions.map(({ id, question, answer }) => (
            <section key={id} aria-labelledby={id} className="card faq-item">
              <h2 id={id}>{question}</h2>
              {answer}
            </section>
          ))}
        </div>
      </div>
    </Page>
  );
}
