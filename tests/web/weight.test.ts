import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { CONSOLE_DIST } from '../../infra/local/console.ts';

// The console's first load: index.html and what it references (built by the test run's setup).
const BUDGET_GZIPPED_JS = 60 * 1024;
// The article editor, loaded when an article opens: its chunk and the chunks only it imports.
const BUDGET_EDITOR_GZIPPED_JS = 150 * 1024;

const gzipped = (file: string) => gzipSync(readFileSync(join(CONSOLE_DIST, file)), { level: 9 }).length;

function initialFiles(): string[] {
  const html = readFileSync(join(CONSOLE_DIST, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1] ?? '');
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1] ?? '');
  return [...scripts, ...preloads].map((src) => src.replace(/^\//, ''));
}

it('keeps the initial JavaScript under 60 KB gzipped', () => {
  const files = initialFiles();
  expect(files.length).toBeGreaterThan(0);
  const total = files.map(gzipped).reduce((a, b) => a + b, 0);
  console.log(`console initial JavaScript: ${(total / 1024).toFixed(1)} KB gzipped`);
  expect(total).toBeLessThan(BUDGET_GZIPPED_JS);
});

it('loads the rich-text editor as a chunk of its own, on demand, under 150 KB gzipped', () => {
  const initial = new Set(initialFiles());
  const editor = readdirSync(join(CONSOLE_DIST, 'assets')).filter((f) => /^richEditor-.*\.js$/.test(f));
  expect(editor).toHaveLength(1);
  const chunk = `assets/${editor[0]}`;
  // Not in the first load: nothing of it is in index.html.
  expect(initial.has(chunk)).toBe(false);
  // The chunk and what it imports that the first load does not already have.
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || initial.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(CONSOLE_DIST, file), 'utf8');
    for (const m of code.matchAll(/(?:import|from)\s*["']\.\/([^"']+\.js)["']/g)) visit(`assets/${m[1]}`);
  };
  visit(chunk);
  const total = [...seen].map(gzipped).reduce((a, b) => a + b, 0);
  console.log(`console editor chunk: ${(total / 1024).toFixed(1)} KB gzipped (${[...seen].join(', ')})`);
  expect(total).toBeLessThan(BUDGET_EDITOR_GZIPPED_JS);
  // ProseMirror is in it, not in the first load.
  const first = [...initial].map((f) => readFileSync(join(CONSOLE_DIST, f), 'utf8')).join('');
  expect(first).not.toContain('ProseMirror');
});

it('loads the fronts screens on demand, not in the first load', () => {
  const initial = new Set(initialFiles());
  const fronts = readdirSync(join(CONSOLE_DIST, 'assets')).filter((f) => /^frontsScreens-.*\.js$/.test(f));
  expect(fronts).toHaveLength(1);
  expect(initial.has(`assets/${fronts[0]}`)).toBe(false);
  const first = [...initial].map((f) => readFileSync(join(CONSOLE_DIST, f), 'utf8')).join('');
  expect(first).not.toContain('Someone else saved this front first');
});
