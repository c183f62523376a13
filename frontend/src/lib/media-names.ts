/** `santa-call-emma.mp4`: a download's file name for the child's call, in plain ASCII. */
export function mediaFileName(name: string | undefined, extension: 'mp4' | 'mp3'): string {
  const slug = (name ?? '')
    .trim()
    .split(/\s+/)[0]
    ?.normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug ? `santa-call-${slug}.${extension}` : `santa-call.${extension}`;
}
