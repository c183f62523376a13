import type { CSSProperties } from 'react';

/**
 * Colours and inline styles for every email. Mail clients strip <style> blocks and ignore
 * classes, so each element carries its own style object.
 */
export const colors = {
  red: '#b91c1c',
  green: '#166534',
  ink: '#1f2937',
  muted: '#6b7280',
  snow: '#f8fafc',
  paper: '#ffffff',
  line: '#e5e7eb',
} as const;

const fontFamily =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

export const styles = {
  body: { backgroundColor: colors.snow, fontFamily, margin: 0, padding: '24px 0' },
  // 560 px fits desktop panes; width 100% lets phones shrink it without horizontal scrolling.
  container: {
    backgroundColor: colors.paper,
    borderTop: `6px solid ${colors.red}`,
    borderRadius: '8px',
    margin: '0 auto',
    maxWidth: '560px',
    padding: '24px',
    width: '100%',
  },
  brand: { color: colors.red, fontSize: '24px', fontWeight: 700, margin: '0 0 16px' },
  heading: { color: colors.green, fontSize: '22px', lineHeight: '30px', margin: '0 0 12px' },
  paragraph: { color: colors.ink, fontSize: '16px', lineHeight: '24px', margin: '0 0 16px' },
  detailLabel: { color: colors.muted, fontSize: '13px', lineHeight: '18px', margin: '0' },
  detailValue: { color: colors.ink, fontSize: '16px', lineHeight: '24px', margin: '0 0 12px' },
  button: {
    backgroundColor: colors.green,
    borderRadius: '6px',
    color: colors.paper,
    display: 'inline-block',
    fontSize: '16px',
    fontWeight: 600,
    padding: '12px 20px',
    textDecoration: 'none',
  },
  note: { color: colors.muted, fontSize: '14px', lineHeight: '20px', margin: '16px 0 0' },
  rule: { borderColor: colors.line, margin: '24px 0 16px' },
  footer: { color: colors.muted, fontSize: '12px', lineHeight: '18px', margin: '0 0 8px' },
} as const satisfies Record<string, CSSProperties>;
