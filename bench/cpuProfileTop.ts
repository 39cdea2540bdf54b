// `node --import tsx bench/cpuProfileTop.ts FILE.cpuprofile [N]`: the N functions with the most self time in a V8 CPU
// profile (`node --cpu-prof`), with their share and source location - the quick look the bench's README asks for when
// a target is missed. The .cpuprofile format is Chrome DevTools' Profiler.Profile
// (https://chromedevtools.github.io/devtools-protocol/tot/Profiler/#type-Profile).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  name: string;
  location: string;
  selfMillis: number;
  share: number;
}

/** Self time per function (name + location), most first; V8's own (idle), (program) and (garbage collector) included. */
export function topSelfTime(profile: CpuProfile, limit: number): HotFunction[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const micros = new Map<string, { name: string; location: string; us: number }>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i] as number);
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (node === undefined || dt <= 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const location = url === '' ? '' : `${url.replace(/^file:\/\/.*?\/(dist|src|node_modules)\//, '$1/')}:${lineNumber + 1}`;
    const name = functionName === '' ? '(anonymous)' : functionName;
    const key = `${name} ${location}`;
    const entry = micros.get(key) ?? { name, location, us: 0 };
    entry.us += dt;
    micros.set(key, entry);
    total += dt;
  }
  return [...micros.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, limit)
    .map((e) => ({ name: e.name, location: e.location, selfMillis: e.us / 1000, share: total > 0 ? e.us / total : 0 }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, n] = process.argv.slice(2);
  if (file === undefined) {
    console.error('usage: node --import tsx bench/cpuProfileTop.ts FILE.cpuprofile [N]');
    process.exitCode = 2;
  } else {
    for (const f of topSelfTime(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(n ?? 30))) {
      console.log(`${(f.share * 100).toFixed(1).padStart(5)}%  ${f.selfMillis.toFixed(0).padStart(7)}ms  ${f.name}  ${f.location}`);
    }
  }
}
