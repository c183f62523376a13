import { build } from 'esbuild';
const [entry, filter, extra] = process.argv.slice(2);
const r = await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node24', minify: true, mainFields: ['module','main'], write: false, outfile: '/tmp/bx/x.mjs', metafile: true, logLevel: 'error', ...(extra ? JSON.parse(extra) : {}) });
const out = Object.values(r.metafile.outputs)[0]!;
const lines = [`total ${out.bytes}`];
const rx = new RegExp(filter ?? '^');
const ins = Object.entries(out.inputs).filter(([f]) => rx.test(f)).sort((a,b)=>b[1].bytesInOutput-a[1].bytesInOutput);
for (const [f,v] of ins.slice(0,15)) lines.push(`${v.bytesInOutput} ${f}`);
process.stdout.write(lines.join('\n')+'\n');
