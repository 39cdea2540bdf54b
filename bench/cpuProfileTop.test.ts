import assert from 'node:assert/strict';
import { test } from 'node:test';
import { topSelfTime } from './cpuProfileTop.js';

test('self time is summed per function across nodes, largest first, with its share', () => {
  const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 3, 4] },
      { id: 2, callFrame: frame('decode', 'file:///work/main/dist/codecs/x.js', 9) },
      { id: 3, callFrame: frame('decode', 'file:///work/main/dist/codecs/x.js', 9) },
      { id: 4, callFrame: frame('', 'file:///work/main/node_modules/p/y.js', 0) },
    ],
    // timeDeltas[i] is the time before samples[i], so samples[i] lasted timeDeltas[i + 1]; the last one is not counted.
    samples: [2, 3, 4, 2],
    timeDeltas: [0, 1000, 2000, 3000],
  };
  const top = topSelfTime(profile, 10);
  assert.deepEqual(
    top.map((f) => [f.name, f.location, f.selfMillis]),
    [
      ['decode', 'dist/codecs/x.js:10', 3],
      ['(anonymous)', 'node_modules/p/y.js:1', 3],
    ],
  );
  assert.equal(top[0]?.share, 0.5);
  assert.equal(topSelfTime(profile, 1).length, 1);
});
