/**
 * Affiliate and campaign attribution: `?aff=<slug>` or a visit to a creator's page, and
 * `?utm_source=`, each kept for 30 days in this browser; the last click wins. Both are sent
 * with the booking (the API checks them again).
 */
const ttlMs = 30 * 24 * 60 * 60 * 1000;
const affiliateKey = 'callsanta.affiliate';
const utmKey = 'callsanta.utm_source';
const slugShape = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const utmShape = /^[\w.\-~ ]{1,100}$/;

interface Stored {
  readonly value: string;
  readonly at: number;
}

function store(key: string, value: string, now: number): void {
  try {
    localStorage.setItem(
      key,
      JSON.stringify(key === affiliateKey ? { slug: value, at: now } : { value, at: now }),
    );
  } catch {
    // Storage refused (private mode): attribution is best effort.
  }
}

function read(key: string, now: number): Stored | undefined {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as { slug?: unknown; value?: unknown; at?: unknown };
    const value = key === affiliateKey ? parsed.slug : parsed.value;
    if (typeof value !== 'string' || typeof parsed.at !== 'number') return undefined;
    if (now - parsed.at > ttlMs) {
      localStorage.removeItem(key);
      return undefined;
    }
    return { value, at: parsed.at };
  } catch {
    return undefined;
  }
}

/** Reads `aff` and `utm_source` from a visited address. */
export function captureAttribution(search: string, now = Date.now()): void {
  const params = new URLSearchParams(search);
  const aff = params.get('aff')?.trim().toLowerCase();
  if (aff && aff.length <= 50 && slugShape.test(aff)) store(affiliateKey, aff, now);
  const utm = params.get('utm_source')?.trim();
  if (utm && utmShape.test(utm)) store(utmKey, utm, now);
}

/** A visit to a creator's landing page counts as their click. */
export function recordAffiliateVisit(slug: string, now = Date.now()): void {
  store(affiliateKey, slug, now);
}

/** What to send with a booking. */
export function currentAttribution(now = Date.now()): {
  affiliateCode?: string;
  utmSource?: string;
} {
  const affiliate = read(affiliateKey, now);
  const utm = read(utmKey, now);
  return {
    ...(affiliate ? { affiliateCode: affiliate.value } : {}),
    ...(utm ? { utmSource: utm.value } : {}),
  };
}
