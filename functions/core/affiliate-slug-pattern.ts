/** A creator's slug: lower-case letters and digits in words joined by single hyphens. */
export const affiliateSlugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
