/** Colours and fonts of the video. System fonts only: nothing is fetched while rendering. */
export const theme = {
  night: '#0a1633',
  nightDeep: '#050b1f',
  berry: '#5c0f24',
  gold: '#f6c453',
  goldSoft: '#ffe2a0',
  snow: '#ffffff',
  red: '#d62839',
  green: '#2a9d5c',
  text: '#fff8ec',
  textSoft: 'rgba(255, 248, 236, 0.72)',
  sans: "'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif",
  serif: "Georgia, 'DejaVu Serif', serif",
} as const;
