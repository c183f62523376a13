/**
 * Writes `state-machines/booking.asl.json` from `booking-workflow.ts` (`npm run asl`), then
 * formats it as the linter wants. Run it after changing the workflow module.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bookingAslText } from './booking-workflow.ts';

const target = fileURLToPath(new URL('./booking.asl.json', import.meta.url));
writeFileSync(target, bookingAslText());
execFileSync('npx', ['biome', 'format', '--write', target], { stdio: 'inherit' });
console.log(`wrote ${target}`);
