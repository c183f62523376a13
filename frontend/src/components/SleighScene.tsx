/**
 * The landing page's picture, drawn here (no image file, no request): Santa's sleigh and two
 * reindeer crossing the moon over snowy rooftops, stars and falling snow. Inline SVG, about
 * 4 KB before gzip; its motion (twinkling stars, falling snow, the sleigh's bob) is CSS in
 * styles.css under `prefers-reduced-motion: no-preference` only, so it stands still otherwise.
 */

/** Stars: x, y, size. Fixed, so every render (and screenshot) is the same picture. */
const stars: readonly (readonly [number, number, number])[] = [
  [40, 40, 1.6],
  [92, 86, 1.1],
  [150, 30, 1.4],
  [210, 70, 1],
  [262, 24, 1.7],
  [306, 118, 1],
  [440, 34, 1.3],
  [458, 140, 1],
  [24, 130, 1.2],
  [128, 146, 0.9],
  [236, 150, 1.1],
];

/** Snowflakes: x, start y, radius; each falls on its own timing (nth-child in styles.css). */
const flakes: readonly (readonly [number, number, number])[] = [
  [20, -10, 2.2],
  [64, 40, 1.6],
  [110, -30, 2.6],
  [158, 10, 1.8],
  [204, -40, 2.1],
  [250, 30, 1.5],
  [296, -20, 2.4],
  [342, 0, 1.7],
  [388, -36, 2.2],
  [430, 20, 1.6],
  [466, -8, 2.3],
  [86, 120, 1.4],
  [318, 110, 1.5],
  [186, 90, 1.9],
];

/** A simple reindeer facing right, at its group's origin: body, legs, neck, head, antlers. */
function Reindeer({ x, y }: { readonly x: number; readonly y: number }) {
  return (
    <g transform={`translate(${x} ${y})`}>
      <ellipse cx="0" cy="0" rx="15" ry="7" fill="#8a5a3b" />
      <path
        d="M-10 4 l-6 11 M-5 5 l-2 12 M7 5 l4 11 M11 3 l9 9"
        stroke="#6b4229"
        strokeWidth="2.6"
        strokeLinecap="round"
      />
      <path d="M10 -3 l9 -11 l6 2 l-8 12 z" fill="#8a5a3b" />
      <ellipse cx="24" cy="-13" rx="6" ry="4" fill="#8a5a3b" />
      <circle cx="30" cy="-12" r="2" fill="#e63946" />
      <path
        d="M20 -16 l-3 -10 M18 -22 l-5 -2 M23 -17 l2 -10 M24 -23 l5 -3"
        stroke="#d9b98c"
        strokeWidth="1.8"
        strokeLinecap="round"
      />
      <path d="M-15 -2 l-6 -3" stroke="#6b4229" strokeWidth="2.4" strokeLinecap="round" />
    </g>
  );
}

/** A house with a snowy roof, a chimney and lit windows, standing on `baseY`. */
function House({
  x,
  baseY,
  width,
  height,
  wall,
}: {
  readonly x: number;
  readonly baseY: number;
  readonly width: number;
  readonly height: number;
  readonly wall: string;
}) {
  const top = baseY - height;
  const roofPeak = top - width * 0.42;
  return (
    <g>
      <rect x={x + width * 0.62} y={roofPeak + 6} width="12" height="26" fill="#5c2b22" />
      <rect x={x + width * 0.62 - 2} y={roofPeak + 3} width="16" height="6" rx="3" fill="#fff" />
      <rect x={x} y={top} width={width} height={height} fill={wall} />
      <path
        d={`M${x - 8} ${top + 4} L${x + width / 2} ${roofPeak} L${x + width + 8} ${top + 4} Z`}
        fill="#7d0f12"
      />
      <path
        d={`M${x - 10} ${top + 6} L${x + width / 2} ${roofPeak - 4} L${x + width + 10} ${top + 6} q-6 4 -12 0 q-6 5 -13 0 q-7 5 -14 0 q-7 4 -13 0 q-7 5 -14 0 Z`}
        fill="#fdfdff"
      />
      <rect
        className="scene-window"
        x={x + width * 0.16}
        y={top + height * 0.22}
        width={width * 0.24}
        height={height * 0.26}
        rx="2"
        fill="#ffd66b"
      />
      <rect
        className="scene-window"
        x={x + width * 0.6}
        y={top + height * 0.22}
        width={width * 0.24}
        height={height * 0.26}
        rx="2"
        fill="#ffd66b"
      />
      <rect
        x={x + width * 0.4}
        y={baseY - height * 0.42}
        width={width * 0.2}
        height={height * 0.42}
        rx="2"
        fill="#1d5b38"
      />
    </g>
  );
}

export function SleighScene() {
  return (
    <svg
      className="sleigh-scene"
      viewBox="0 0 480 360"
      role="img"
      aria-labelledby="sleigh-scene-title"
      focusable="false"
    >
      <title id="sleigh-scene-title">
        Santa's sleigh and two reindeer fly past the moon over snowy rooftops on a starry night
      </title>
      <defs>
        <linearGradient id="scene-sky" x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor="#0b1a3a" />
          <stop offset="1" stopColor="#24457f" />
        </linearGradient>
        <radialGradient id="scene-glow">
          <stop offset="0.45" stopColor="#fff6cf" stopOpacity="0.55" />
          <stop offset="1" stopColor="#fff6cf" stopOpacity="0" />
        </radialGradient>
      </defs>
      <rect width="480" height="360" fill="url(#scene-sky)" />
      <circle cx="372" cy="86" r="84" fill="url(#scene-glow)" />
      <circle cx="372" cy="86" r="44" fill="#fdf3c4" />
      <circle cx="356" cy="74" r="7" fill="#f1e3a6" />
      <circle cx="388" cy="102" r="5" fill="#f1e3a6" />
      <g fill="#fff8dc">
        {stars.map(([x, y, size]) => (
          <path
            key={`${x}-${y}`}
            className="scene-star"
            d={`M${x} ${y - 4 * size} L${x + size} ${y - size} L${x + 4 * size} ${y} L${x + size} ${y + size} L${x} ${y + 4 * size} L${x - size} ${y + size} L${x - 4 * size} ${y} L${x - size} ${y - size} Z`}
          />
        ))}
      </g>
      <g className="scene-sleigh">
        <path d="M250 96 C280 104 300 104 318 100" stroke="#d9b98c" strokeWidth="1.4" fill="none" />
        <Reindeer x={334} y={96} />
        <Reindeer x={386} y={82} />
        <path d="M360 92 C370 90 376 86 384 84" stroke="#d9b98c" strokeWidth="1.4" fill="none" />
        {/* Santa: coat, belt, face, beard and hat, riding a golden sleigh with a sack. */}
        <ellipse cx="222" cy="84" rx="16" ry="14" fill="#6b3d1f" />
        <ellipse cx="248" cy="84" rx="11" ry="13" fill="#c1272d" />
        <rect x="238" y="84" width="21" height="4" fill="#1f2933" />
        <circle cx="252" cy="68" r="7" fill="#f6d2b8" />
        <path d="M245 70 q7 14 14 0 z" fill="#ffffff" />
        <path d="M244 66 q6 -16 18 -6 l4 8 z" fill="#c1272d" />
        <circle cx="267" cy="69" r="3" fill="#ffffff" />
        <path
          d="M204 88 h64 q10 0 14 -14 l6 0 q-4 28 -26 28 h-52 q-8 0 -8 -8 z"
          fill="#f2c14e"
          stroke="#b8860b"
          strokeWidth="1.5"
        />
        <path
          d="M200 110 h70 q14 0 18 -10"
          stroke="#b8860b"
          strokeWidth="3"
          fill="none"
          strokeLinecap="round"
        />
      </g>
      <path d="M0 274 Q120 238 240 262 T480 252 V360 H0 Z" fill="#dbe7f5" />
      <House x={30} baseY={322} width={100} height={64} wall="#f4e3c7" />
      <House x={186} baseY={312} width={80} height={56} wall="#e9cfa5" />
      <House x={306} baseY={326} width={112} height={70} wall="#f4e3c7" />
      <g>
        <path
          d="M158 322 l-18 0 l18 -30 l18 30 z M158 304 l-14 0 l14 -24 l14 24 z"
          fill="#1d5b38"
        />
        <path
          d="M158 274 l2.4 5 5.4.6-4 3.7 1 5.3-4.8-2.6-4.8 2.6 1-5.3-4-3.7 5.4-.6z"
          fill="#f2c14e"
        />
      </g>
      <path d="M0 322 Q140 308 260 322 T480 318 V360 H0 Z" fill="#ffffff" />
      {/* A snowman with a scarf and a carrot nose. */}
      <g>
        <circle cx="448" cy="326" r="14" fill="#ffffff" stroke="#c9d7ea" strokeWidth="1.5" />
        <circle cx="448" cy="304" r="10" fill="#ffffff" stroke="#c9d7ea" strokeWidth="1.5" />
        <rect x="440" y="286" width="16" height="9" fill="#1f2933" />
        <rect x="436" y="294" width="24" height="3" fill="#1f2933" />
        <path d="M439 312 h18 v4 h-5 v8 h-4 v-8 h-9 z" fill="#a4161a" />
        <path d="M448 304 l9 2 l-9 2 z" fill="#e07a1f" />
        <circle cx="444" cy="301" r="1.3" fill="#1f2933" />
        <circle cx="451" cy="301" r="1.3" fill="#1f2933" />
      </g>
      <g className="scene-snow" fill="#ffffff">
        {flakes.map(([x, y, r]) => (
          <circle key={`${x}-${y}`} className="scene-flake" cx={x} cy={y} r={r} />
        ))}
      </g>
    </svg>
  );
}
