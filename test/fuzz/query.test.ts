// The query fuzz group in CI (test/fuzz/fuzzGroups.ts); `npm run fuzz -- --group query` runs it longer.
import { fuzzGroupTest } from './fuzzGroupTest.js';

fuzzGroupTest('query');
