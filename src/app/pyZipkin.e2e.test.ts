// The real py_zipkin (Debian's python3-py-zipkin, run with /usr/bin/python3) reports a two-service call to the real
// CLI, in V2 and then V1 JSON (test/clients/py_zipkin_two_services.py). py_zipkin marks the server span shared while
// giving it its own id, and it reports before the caller's spans: every parent must still resolve, and the call
// front -> inventory must carry the callee's error. With CI=true a missing py_zipkin fails the suite.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { allInOneConfig, eventually } from '../../test/support/allInOneConfig.js';
import { REPO_ROOT } from '../../test/support/paths.js';
import { startCli, type CliProcess } from '../../test/support/runCli.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(REPO_ROOT, 'test', 'clients', 'py_zipkin_two_services.py');

function pyZipkinMissing(): string | undefined {
  const r = spawnSync(PYTHON, ['-c', 'import py_zipkin'], { encoding: 'utf8' });
  return r.status === 0 ? undefined : `py_zipkin is not importable by ${PYTHON} (install Debian's python3-py-zipkin): ${r.error?.message ?? r.stderr.trim()}`;
}
const missing = pyZipkinMissing();

interface ZipkinSpanJson {
  id: string;
  parentId?: string;
  kind?: string;
  name?: string;
  shared?: boolean;
  localEndpoint?: { serviceName: string };
  tags?: Record<string, string>;
}

describe('py_zipkin through the all-in-one CLI', { skip: missing !== undefined && process.env.CI !== 'true' ? missing : false }, () => {
  let cli: CliProcess;
  let zipkin: string;
  let api: string;
  before(async () => {
    assert.equal(missing, undefined, missing);
    cli = await startCli(['--config', allInOneConfig()]);
    zipkin = `http://${cli.receivers.zipkin?.http}`;
    api = `http://${cli.queryAddress}`;
  });
  after(async () => {
    await cli?.stop();
  });

  async function runTwoServices(encoding: 'v1' | 'v2'): Promise<ZipkinSpanJson[]> {
    const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, zipkin, encoding], { timeout: 30_000 });
    const traceId = stdout.trim();
    assert.match(traceId, /^[0-9a-f]{16}$/);
    return eventually(`the three spans of ${traceId}`, async () => {
      const res = await fetch(`${zipkin}/api/v2/trace/${traceId}`);
      const spans = res.status === 200 ? ((await res.json()) as ZipkinSpanJson[]) : [];
      return spans.length === 3 ? spans : undefined;
    });
  }

  async function frontToInventory(): Promise<{ zipkin: unknown; native: unknown }> {
    const z = (await (await fetch(`${zipkin}/api/v2/dependencies?endTs=${Date.now() + 60_000}`)).json()) as Array<{ parent: string; child: string }>;
    const n = (await (await fetch(`${api}/api/v1/dependencies?start=0`)).json()) as { edges: Array<{ parent: string; child: string; callCount: number; errorCount: number }> };
    const edge = n.edges.find((e) => e.parent === 'front' && e.child === 'inventory');
    return { zipkin: z.find((l) => l.parent === 'front' && l.child === 'inventory'), native: edge && { callCount: edge.callCount, errorCount: edge.errorCount } };
  }

  for (const [encoding, calls] of [['v2', 1], ['v1', 2]] as const) {
    test(`${encoding.toUpperCase()} JSON: every parent resolves, and the dependency link carries the server's error`, async () => {
      const spans = await runTwoServices(encoding);
      const byName = new Map(spans.map((s) => [`${s.localEndpoint?.serviceName} ${s.kind} ${s.name}`, s]));
      const root = byName.get('front SERVER get /checkout');
      const client = byName.get('front CLIENT get /stock');
      const server = byName.get('inventory SERVER get /stock');
      assert.ok(root && client && server, JSON.stringify(spans));
      assert.equal(root.parentId, undefined);
      assert.equal(client.parentId, root.id);
      assert.equal(server.parentId, client.id, 'the server span hangs under the CLIENT span that called it');
      assert.equal(server.tags?.error, 'ValueError: out of stock');
      assert.notEqual(server.id, client.id);
      const links = await eventually(`${calls} front -> inventory call(s)`, async () => {
        const l = await frontToInventory();
        return (l.native as { callCount: number } | undefined)?.callCount === calls ? l : undefined;
      });
      assert.deepEqual(links, { zipkin: { parent: 'front', child: 'inventory', callCount: calls, errorCount: calls }, native: { callCount: calls, errorCount: calls } });
    });
  }
});
