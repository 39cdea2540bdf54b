import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/app/defaultConfig.js';
import { loadServiceConfig } from '../../src/app/loadServiceConfig.js';
import { REPO_ROOT } from '../support/paths.js';
import { DEPLOY_DIR } from './deployFiles.js';
import { listeningPorts } from './listeningPorts.js';
import { parseDockerfile, type DockerStage } from './parseDockerfile.js';

// deploy/docker/Dockerfile is checked statically: Docker cannot run where the tests run.
const stages = parseDockerfile(readFileSync(join(DEPLOY_DIR, 'docker', 'Dockerfile'), 'utf8'));
const [build, runtime] = stages as [DockerStage, DockerStage];
const args = (stage: DockerStage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
const jsonArray = (text: string) => JSON.parse(text) as string[];

/** `COPY [--from=x] [--chown=..] SRC... DEST` -> sources and destination. */
function copies(stage: DockerStage): Array<{ from: string | undefined; sources: string[]; dest: string }> {
  return args(stage, 'COPY').map((a) => {
    const words = a.split(/\s+/);
    const flags = words.filter((w) => w.startsWith('--'));
    const paths = words.filter((w) => !w.startsWith('--'));
    const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
    return { from, sources: paths.slice(0, -1), dest: paths.at(-1) ?? '' };
  });
}

describe('deploy/docker/Dockerfile', () => {
  test('two stages on Node.js 24 LTS: the build on node:24.18.1-bookworm-slim, the runtime on node:24-bookworm-slim', () => {
    assert.equal(stages.length, 2);
    // better-sqlite3 12 built against the headers of Node 24.19 or later aborts at garbage collection (Dockerfile).
    assert.equal(build.image, 'node:24.18.1-bookworm-slim');
    assert.equal(build.name, 'build');
    assert.equal(runtime.image, 'node:24-bookworm-slim');
  });

  test('the build stage installs the native toolchain, runs npm ci (which builds) and prunes dev dependencies', () => {
    const runs = args(build, 'RUN');
    const apt = runs.find((r) => r.includes('apt-get install'));
    assert.ok(apt, 'an apt-get install step');
    for (const pkg of ['python3', 'make', 'g++']) assert.ok(apt.split(/\s+/).includes(pkg), `installs ${pkg}`);
    const ci = runs.findIndex((r) => /\bnpm ci\b/.test(r));
    const prune = runs.findIndex((r) => r.includes('npm prune --omit=dev'));
    assert.ok(ci >= 0 && prune > ci, 'npm ci, then npm prune --omit=dev');
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.match(pkg.scripts.prepare ?? '', /npm run build/, 'npm ci builds through the prepare script');
    // Everything `npm run build` reads is in the build context: the tsconfig files it names and the ones they extend.
    const tsconfigs = [...(pkg.scripts.build ?? '').matchAll(/tsc -p (\S+)/g)].map((m) => m[1] ?? '');
    assert.ok(tsconfigs.length > 0, 'the build runs tsc -p');
    for (const file of [...tsconfigs]) {
      const base = /"extends":\s*"\.\/([^"]+)"/.exec(readFileSync(join(REPO_ROOT, file), 'utf8'))?.[1];
      if (base) tsconfigs.push(base);
    }
    const sources = copies(build).flatMap((c) => c.sources);
    for (const needed of ['package.json', 'package-lock.json', ...tsconfigs, 'src', 'ui', 'proto']) assert.ok(sources.includes(needed), `build stage copies ${needed}`);
    for (const s of sources) assert.ok(existsSync(join(REPO_ROOT, s)), `${s} exists in the repository`);
  });

  test('the runtime copies dist, ui/dist, proto, node_modules and package.json from the build stage, which npm run build and npm ci produce', () => {
    const fromBuild = copies(runtime).filter((c) => c.from === 'build');
    const workdir = args(runtime, 'WORKDIR').at(-1);
    assert.equal(workdir, '/app');
    const copied = new Map(fromBuild.flatMap((c) => c.sources.map((s) => [s.replace(/^\/build\//, ''), c.dest] as const)));
    for (const path of ['dist', 'ui/dist', 'proto', 'node_modules', 'package.json']) {
      assert.ok(copied.has(path), `runtime copies ${path}`);
      assert.equal(copied.get(path), `./${path}`, `${path} keeps its place beside package.json`);
      // The build stage runs in /build with the repository's layout, so what exists here after a build exists there.
      assert.ok(existsSync(join(REPO_ROOT, path)), `${path} exists after npm ci / npm run build`);
    }
    assert.ok(existsSync(join(REPO_ROOT, 'dist', 'main.js')), 'dist/main.js (the entry point) exists after the build');
    assert.ok(existsSync(join(REPO_ROOT, 'ui', 'dist', 'index.html')), 'ui/dist/index.html exists after the build');
  });

  test('the runtime runs dist/main.js as a non-root user with the configuration it copies', () => {
    const user = args(runtime, 'USER').at(-1);
    assert.ok(user !== undefined && !['root', '0', '0:0'].includes(user), `USER ${user} is not root`);
    assert.deepEqual(jsonArray(args(runtime, 'ENTRYPOINT').at(-1) ?? '[]'), ['node', 'dist/main.js']);
    const cmd = jsonArray(args(runtime, 'CMD').at(-1) ?? '[]');
    assert.equal(cmd[0], '--config');
    const configCopy = copies(runtime).find((c) => c.dest === cmd[1]);
    assert.ok(configCopy, `a COPY puts the configuration at ${cmd[1]}`);
    assert.equal(configCopy.from, undefined);
    assert.deepEqual(configCopy.sources, ['deploy/docker/spanbridge.yaml']);
  });

  test('EXPOSE lists exactly the ports of the all-in-one, and the image config serves them on 0.0.0.0', () => {
    const exposed = args(runtime, 'EXPOSE').flatMap((a) => a.split(/\s+/)).map((p) => (p.includes('/') ? p.toUpperCase() : `${p}/TCP`)).sort();
    const expected = listeningPorts(loadServiceConfig(DEFAULT_CONFIG, 'default', {})).map((p) => `${p.port}/${p.protocol}`).sort();
    assert.deepEqual(exposed, expected);
    const imageConfig = loadServiceConfig(readFileSync(join(DEPLOY_DIR, 'docker', 'spanbridge.yaml'), 'utf8'), 'deploy/docker/spanbridge.yaml', {});
    const ports = listeningPorts(imageConfig);
    assert.deepEqual(ports.map((p) => `${p.port}/${p.protocol}`).sort(), expected);
    for (const p of ports) assert.equal(p.host, '0.0.0.0', `${p.source} binds every interface`);
  });

  test('the store lives on the volume the non-root user owns', () => {
    const imageConfig = loadServiceConfig(readFileSync(join(DEPLOY_DIR, 'docker', 'spanbridge.yaml'), 'utf8'), 'deploy/docker/spanbridge.yaml', {});
    const path = (imageConfig.sections.storage as { sqlite: { path: string } }).sqlite.path;
    const volume = jsonArray(args(runtime, 'VOLUME').at(-1) ?? '[]')[0] ?? '';
    assert.ok(volume !== '' && path.startsWith(`${volume}/`), `${path} is on the volume ${volume}`);
    assert.ok(args(runtime, 'RUN').some((r) => r.includes(`chown node:node ${volume}`)), 'the volume folder belongs to node');
  });

  test('HEALTHCHECK asks /healthz on the telemetry port', () => {
    const check = args(runtime, 'HEALTHCHECK').at(-1) ?? '';
    assert.match(check, /CMD \[/);
    assert.match(check, /http:\/\/127\.0\.0\.1:8888\/healthz/);
  });
});

describe('.dockerignore', () => {
  const patterns = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const ignored = (path: string) => patterns.some((p) => {
    const re = new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '(.*/)?').replace(/\*/g, '[^/]*')}(/.*)?$`);
    return re.test(path);
  });

  test('keeps local build output and modules out of the context', () => {
    for (const path of ['node_modules', 'dist', 'ui/dist', 'ui/node_modules', 'data', '.git']) assert.ok(ignored(path), `${path} is ignored`);
  });

  test('keeps everything the Dockerfile copies from the context', () => {
    const sources = stages.flatMap((s) => copies(s).filter((c) => c.from === undefined).flatMap((c) => c.sources));
    assert.ok(sources.length > 0);
    for (const s of sources) assert.ok(!ignored(s), `${s} is not ignored`);
    assert.ok(!ignored('src/main.ts') && !ignored('ui/src') && !ignored('proto/zipkin'));
  });
});
