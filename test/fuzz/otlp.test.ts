// The otlp fuzz group in CI (test/fuzz/fuzzGroups.ts); `npm run fuzz -- --group otlp` runs it longer.
import { fuzzGroupTest } from './fuzzGroupTest.js';

fuzzGroupTest('otlp');
