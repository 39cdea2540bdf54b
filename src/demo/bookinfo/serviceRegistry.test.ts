import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createRoundRobin, createServiceRegistry, serviceOfAuthority } from './serviceRegistry.js';
import { bookinfoWorkloads } from './workloads.js';

describe('service registry', () => {
  test('each proxy balances round robin over a service\'s endpoints', () => {
    const registry = createServiceRegistry();
    const workloads = bookinfoWorkloads();
    workloads.forEach((workload, i) => registry.add({ workload, port: 1000 + i }));
    const pick = createRoundRobin(registry);
    assert.deepEqual(Array.from({ length: 4 }, () => pick('reviews')?.workload.version), ['v1', 'v2', 'v3', 'v1']);
    assert.equal(createRoundRobin(registry)('reviews')?.workload.version, 'v1', 'another proxy keeps its own position');
    assert.equal(pick('ratings')?.workload.name, 'ratings-v1');
    assert.equal(pick('unknown'), undefined);
  });

  test('authorities name services by short name or FQDN, with or without port', () => {
    const known = ['productpage', 'details', 'reviews', 'ratings'] as const;
    assert.equal(serviceOfAuthority('details:9080', known), 'details');
    assert.equal(serviceOfAuthority('Reviews.default.svc.cluster.local:9080', known), 'reviews');
    assert.equal(serviceOfAuthority('ratings', known), 'ratings');
    assert.equal(serviceOfAuthority('ratingsx:9080', known), undefined);
    assert.equal(serviceOfAuthority('example.com', known), undefined);
  });

  test('Bookinfo workloads: six pods, Kubernetes-style names, distinct pod IPs', () => {
    const workloads = bookinfoWorkloads();
    assert.deepEqual(workloads.map((w) => w.name), ['productpage-v1', 'details-v1', 'reviews-v1', 'reviews-v2', 'reviews-v3', 'ratings-v1']);
    for (const w of workloads) {
      assert.match(w.podName, new RegExp(`^${w.name}-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      assert.equal(w.serviceAccount, `bookinfo-${w.service}`);
    }
    assert.equal(new Set(workloads.map((w) => w.podIp)).size, workloads.length);
  });
});
