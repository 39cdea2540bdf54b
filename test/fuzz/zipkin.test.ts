// The zipkin fuzz group in CI (test/fuzz/fuzzGroups.ts); `npm run fuzz -- --group zipkin` runs it longer.
import { fuzzGroupTest } from './fuzzGroupTest.js';

fuzzGroupTest('zipkin');
