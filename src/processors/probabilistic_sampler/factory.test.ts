import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Factory } from '../../pipeline/component.js';
import { configProblems, loadWithComponent } from '../../../test/support/componentConfig.js';
import { probabilisticSamplerFactory } from './factory.js';

const load = (yaml: string) => loadWithComponent(probabilisticSamplerFactory as Factory, yaml);
const problems = (yaml: string): string[] => configProblems(probabilisticSamplerFactory as Factory, yaml);

void describe('probabilisticSamplerFactory', () => {
  void test('fills the Collector defaults', () => {
    assert.deepEqual(load('  probabilistic_sampler:').processors.probabilistic_sampler, { sampling_percentage: 0, hash_seed: 0, mode: 'hash_seed' });
    assert.deepEqual(load('  probabilistic_sampler: {sampling_percentage: 15.3, hash_seed: 22}').processors.probabilistic_sampler, { sampling_percentage: 15.3, hash_seed: 22, mode: 'hash_seed' });
  });

  void test('rejects bad values, unsupported modes and unknown keys', () => {
    const found = problems('  probabilistic_sampler: {sampling_percentage: -1, hash_seed: 4294967296, mode: proportional, fail_closed: true}');
    assert.ok(found.includes('processors.probabilistic_sampler.sampling_percentage: must be >= 0'), found.join('\n'));
    assert.ok(found.includes('processors.probabilistic_sampler.hash_seed: must be <= 4294967295'), found.join('\n'));
    assert.ok(found.includes('processors.probabilistic_sampler.mode: must be one of "hash_seed"'), found.join('\n'));
    assert.ok(found.includes('processors.probabilistic_sampler.fail_closed: unknown key'), found.join('\n'));
    const fraction = problems('  probabilistic_sampler: {hash_seed: 1.5}');
    assert.equal(fraction.length, 1);
    assert.ok(fraction[0]?.startsWith('processors.probabilistic_sampler.hash_seed: must be integer'), fraction[0]);
  });
});
