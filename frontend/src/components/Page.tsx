import { type ReactNode, useEffect, useRef } from 'react';

let firstRender = true;

/**
 * One page: sets the document title and, after a client-side navigation, moves focus to the
 * heading so screen readers announce the new page (the first load keeps the browser's focus).
 *
 * `wide` lets the page use a desktop's width (72rem) instead of a reading column (44rem);
 * `art` puts a picture beside the heading, lead and `intro` (two columns from 60rem, the
 * picture under the text on a phone); `className` names the page for its own styles.
 */
export function Page({
  title,
  heading,
  lead,
  children,
  wide = false,
  art,
  intro,
  className,
}: {
  readonly title: string;
  readonly heading: ReactNode;
  readonly lead?: ReactNode;
  readonly children?: ReactNode;
  readonly wide?: boolean;
  readonly art?: ReactNode;
  readonly intro?: ReactNode;
  readonly className?: string;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · CallSanta`;
  }, [title]);
  useEffect(() => {
    if (firstRender) {
      firstRender = false;
      return;
    }
    headingRef.current?.focus({ preventScroll: true });
  }, []);
  const classes = ['page', wide ? 'page-wide' : '', className ?? ''].filter(Boolean).join(' ');
  const opening = (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        {heading}
      </h1>
      {lead ? <p className="lead">{lead}</p> : null}
      {intro}
    </>
  );
  return (
    <main id="main" className={classes}>
      {art ? (
        <div className="page-hero">
          <div className="page-hero-text">{opening}</div>
          <div className="page-hero-art">{art}</div>
        </div>
      ) : (
        opening
      )}
      {children}
    </main>
  );
}
