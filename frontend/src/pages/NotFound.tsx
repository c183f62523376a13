import { Page } from '../components/Page.tsx';
import { Link } from '../lib/router.tsx';

/** The page for an address, booking link or share link that leads nowhere. */
export function NotFound({ what = 'page' }: { readonly what?: string }) {
  return (
    <Page title="Not found" heading="We couldn't find that">
      <p className="lead">
        {what === 'booking'
          ? 'This booking link does not work. Please open the link from your latest CallSanta email again — the whole link, including the part after the #.'
          : what === 'share link'
            ? 'This share link does not work: check that the whole link was copied, or ask the family for a new one.'
            : 'There is nothing at this address. It may have moved, or the link may be mistyped.'}
      </p>
      <p>
        <Link to="/" className="button button-secondary">
          Go to the home page
        </Link>
      </p>
    </Page>
  );
}
