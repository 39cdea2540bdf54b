// The jaeger fuzz group in CI (test/fuzz/fuzzGroups.ts); `npm run fuzz -- --group jaeger` runs it longer.
import { fuzzGroupTest } from './fuzzGroupTest.js';

fuzzGroupTest('jaeger');
