import type React from 'react';

/**
 * Santa drawn in SVG (viewBox 0 0 400 400, a round portrait): hat, face, beard, moustache.
 * `mouthOpen` (0..1) opens his mouth as he speaks; `blink` (0..1) closes his eyes.
 */
export const SantaFace: React.FC<{ readonly mouthOpen: number; readonly blink: number }> = ({
  mouthOpen,
  blink,
}) => {
  const eyeRy = 11 * (1 - blink) + 1.5;
  return (
    <svg width="100%" height="100%" viewBox="0 0 400 400" aria-hidden>
      <title>Santa</title>
      <defs>
        <radialGradient id="portrait" cx="50%" cy="40%" r="65%">
          <stop offset="0%" stopColor="#fff3dc" />
          <stop offset="100%" stopColor="#f3c98b" />
        </radialGradient>
        <radialGradient id="skin" cx="50%" cy="40%" r="60%">
          <stop offset="0%" stopColor="#ffdcc2" />
          <stop offset="100%" stopColor="#f1b594" />
        </radialGradient>
        <linearGradient id="hat" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0%" stopColor="#e63946" />
          <stop offset="100%" stopColor="#a4161a" />
        </linearGradient>
        <clipPath id="round">
          <circle cx={200} cy={200} r={200} />
        </clipPath>
      </defs>
      <g clipPath="url(#round)">
        <rect width={400} height={400} fill="url(#portrait)" />
        {/* Coat and shoulders */}
        <path d="M30 420 C 50 330 120 300 200 300 C 280 300 350 330 370 420 Z" fill="url(#hat)" />
        {/* Ears */}
        <ellipse cx={112} cy={198} rx={16} ry={24} fill="#f1b594" />
        <ellipse cx={288} cy={198} rx={16} ry={24} fill="#f1b594" />
        {/* Face */}
        <ellipse cx={200} cy={196} rx={88} ry={92} fill="url(#skin)" />
        {/* Beard: a cloud of overlapping circles */}
        <g fill="#fbfbfb">
          <circle cx={200} cy={300} r={78} />
          <circle cx={138} cy={262} r={46} />
          <circle cx={262} cy={262} r={46} />
          <circle cx={118} cy={222} r={28} />
          <circle cx={282} cy={222} r={28} />
          <circle cx={150} cy={318} r={44} />
          <circle cx={250} cy={318} r={44} />
          <circle cx={200} cy={352} r={46} />
        </g>
        <g fill="#e9eef5">
          <circle cx={172} cy={336} r={16} />
          <circle cx={230} cy={344} r={14} />
          <circle cx={146} cy={290} r={12} />
          <circle cx={258} cy={296} r={12} />
        </g>
        {/* Mouth: opens with his voice */}
        <ellipse cx={200} cy={262} rx={20} ry={4 + 18 * mouthOpen} fill="#7a1f2b" />
        <ellipse cx={200} cy={268 + 8 * mouthOpen} rx={11} ry={3 + 5 * mouthOpen} fill="#e76f7a" />
        {/* Moustache */}
        <path
          d="M200 236 C 182 224 150 226 132 246 C 150 262 184 260 200 248 C 216 260 250 262 268 246 C 250 226 218 224 200 236 Z"
          fill="#ffffff"
          stroke="#d5dde8"
          strokeWidth={3}
        />
        {/* Cheeks and nose */}
        <circle cx={148} cy={214} r={18} fill="#ff8fa3" opacity={0.45} />
        <circle cx={252} cy={214} r={18} fill="#ff8fa3" opacity={0.45} />
        <ellipse cx={200} cy={216} rx={20} ry={17} fill="#e98a7a" />
        <ellipse cx={194} cy={210} rx={6} ry={4} fill="#ffffff" opacity={0.5} />
        {/* Eyes and brows */}
        <ellipse cx={166} cy={184} rx={9} ry={eyeRy} fill="#2b2d42" />
        <ellipse cx={234} cy={184} rx={9} ry={eyeRy} fill="#2b2d42" />
        <circle cx={169} cy={180} r={3} fill="#ffffff" opacity={1 - blink} />
        <circle cx={237} cy={180} r={3} fill="#ffffff" opacity={1 - blink} />
        <path
          d="M142 162 Q 164 146 186 160"
          stroke="#ffffff"
          strokeWidth={10}
          fill="none"
          strokeLinecap="round"
        />
        <path
          d="M214 160 Q 236 146 258 162"
          stroke="#ffffff"
          strokeWidth={10}
          fill="none"
          strokeLinecap="round"
        />
        {/* Hat: red cone flopping to the right, fur trim, pompom */}
        <path
          d="M104 140 C 120 40 250 10 318 70 C 340 92 352 120 356 150 L 300 132 C 280 100 250 96 236 110 Z"
          fill="url(#hat)"
        />
        <path d="M104 140 C 130 70 260 60 300 132 Z" fill="url(#hat)" />
        <rect x={92} y={118} width={216} height={44} rx={22} fill="#ffffff" />
        <g fill="#edf1f7">
          <circle cx={126} cy={140} r={8} />
          <circle cx={176} cy={146} r={7} />
          <circle cx={230} cy={138} r={8} />
          <circle cx={278} cy={146} r={7} />
        </g>
        <circle cx={352} cy={160} r={28} fill="#ffffff" />
        <circle cx={344} cy={152} r={9} fill="#edf1f7" />
      </g>
    </svg>
  );
};
