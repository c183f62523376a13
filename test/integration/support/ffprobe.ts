import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

/** ffprobe as shipped inside @remotion/compositor-linux-x64-gnu (no system ffmpeg needed). */
const ffprobePath = join(
  dirname(
    createRequire(import.meta.url).resolve('@remotion/compositor-linux-x64-gnu/package.json'),
  ),
  'ffprobe',
);

const probeOutput = z.object({
  streams: z.array(
    z.object({
      codec_name: z.string(),
      codec_type: z.string(),
      width: z.number().optional(),
      height: z.number().optional(),
      r_frame_rate: z.string(),
      pix_fmt: z.string().optional(),
      color_space: z.string().optional(),
      color_primaries: z.string().optional(),
      color_transfer: z.string().optional(),
    }),
  ),
  format: z.object({ duration: z.coerce.number() }),
});

export type Probe = z.infer<typeof probeOutput>;

/** The streams and duration (seconds) of a media file, read with ffprobe. */
export async function probe(path: string): Promise<Probe> {
  const { stdout } = await promisify(execFile)(ffprobePath, [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_name,codec_type,width,height,r_frame_rate,pix_fmt,color_space,color_primaries,color_transfer:format=duration',
    '-of',
    'json',
    path,
  ]);
  return probeOutput.parse(JSON.parse(stdout));
}
