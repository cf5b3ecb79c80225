import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { CONSOLE_DIST } from '../../infra/local/console.ts';

// The console's first load: index.html and what it references (built by the test run's setup).
const BUDGET_GZIPPED_JS = 60 * 1024;

it('keeps the initial JavaScript under 60 KB gzipped', () => {
  const html = readFileSync(join(CONSOLE_DIST, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1] ?? '');
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1] ?? '');
  expect(scripts.length).toBeGreaterThan(0);
  const gzipped = [...scripts, ...preloads]
    .map((src) => gzipSync(readFileSync(join(CONSOLE_DIST, src)), { level: 9 }).length)
    .reduce((a, b) => a + b, 0);
  console.log(`console initial JavaScript: ${(gzipped / 1024).toFixed(1)} KB gzipped`);
  expect(gzipped).toBeLessThan(BUDGET_GZIPPED_JS);
});
