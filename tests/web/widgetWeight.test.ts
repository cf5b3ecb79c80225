import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { EMBED_LOADER, VERSIONED_EMBED } from '../../infra/embed.ts';
import { CONSOLE_DIST } from '../../infra/local/console.ts';

// What a reader's browser downloads for the comments widget: the loader and the module it imports
// (built by the test run's setup, as npm start builds it). The budget: 20 KB gzipped.
const BUDGET_GZIPPED = 20 * 1024;

it('keeps the comments widget at most 20 KB gzipped, loader included, with no import of anything else', () => {
  const dir = join(CONSOLE_DIST, 'embed');
  const loader = readFileSync(join(dir, EMBED_LOADER), 'utf8');
  const imported = /^import '\.\/([^']+)';\n$/.exec(loader)?.[1] ?? '';
  expect(imported).toMatch(VERSIONED_EMBED);
  expect(readdirSync(dir).filter((name) => VERSIONED_EMBED.test(name))).toEqual([imported]);
  const module = readFileSync(join(dir, imported));
  // One module: no further imports, no URL of another host, no cookies touched.
  const text = module.toString('utf8');
  expect(text).not.toMatch(/\bimport\s*\(|\bimport\s*["'{*]|document\.cookie|https?:\/\//);
  const gzipped = gzipSync(module, { level: 9 }).length + gzipSync(loader, { level: 9 }).length;
  console.log(`comments widget: ${(gzipped / 1024).toFixed(1)} KB gzipped (${module.length} bytes minified)`);
  expect(gzipped).toBeLessThanOrEqual(BUDGET_GZIPPED);
});
