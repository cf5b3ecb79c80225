import { fuzzShard } from '../support/fuzz.ts';

// Every route of the table is fuzzed, a third of them here (tests/support/fuzz.ts).
fuzzShard(2);
