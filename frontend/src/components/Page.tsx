import { type ReactNode, useEffect, useRef } from 'react';

let firstRender = true;

/**
 * One page: sets the document title and, after a client-side navigation, moves focus to the
 * heading so screen readers announce the new page (the first load keeps the browser's focus).
 */
export function Page({
  title,
  heading,
  lead,
  children,
  wide = false,
}: {
  readonly title: string;
  readonly heading: ReactNode;
  readonly lead?: ReactNode;
  readonly children?: ReactNode;
  readonly wide?: boolean;
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
  return (
    <main id="main" className={wide ? 'page page-wide' : 'page'}>
      <h1 ref={headingRef} tabIndex={-1}>
        {heading}
      </h1>
      {lead ? <p className="lead">{lead}</p> : null}
      {children}
    </main>
  );
}
