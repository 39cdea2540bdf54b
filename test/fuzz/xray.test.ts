// The xray fuzz group in CI (test/fuzz/fuzzGroups.ts); `npm run fuzz -- --group xray` runs it longer.
import { fuzzGroupTest } from './fuzzGroupTest.js';

fuzzGroupTest('xray');
