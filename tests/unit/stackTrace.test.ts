import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * A minified bundle built the way the functions are (ESM, minified, source map beside it), run
 * without --enable-source-maps: the logged trace must still name the TypeScript file and line.
 */
const dir = mkdtempSync(join(tmpdir(), 'stack-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readableStack', () => {
  it('maps the frames of a minified bundle to the TypeScript sources, reading the map only then', async () => {
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      [
        `import { readableStack } from ${JSON.stringify(join(process.cwd(), 'shared/stackTrace.ts'))};`,
        'function failDeepInside(): never {',
        "  throw new Error('the store said no');",
        '}',
        'export function run() {',
        '  try { failDeepInside(); } catch (error) { return { raw: (error as Error).stack, mapped: readableStack(error as Error) }; }',
        '}',
      ].join('\n'),
    );
    const outfile = join(dir, 'out', 'index.mjs');
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      minify: true,
      sourcemap: true,
      outfile,
      logLevel: 'silent',
    });
    // A plain Node process, as Lambda runs it (vitest would map the stack itself).
    const child = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(pathToFileURL(outfile).href)}); process.stdout.write(JSON.stringify(m.run()));`,
      ],
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } },
    );
    const { raw, mapped } = JSON.parse(child.stdout) as { raw: string; mapped: string };
    // Minified: the raw trace points into line 1 of index.mjs.
    expect(raw).toMatch(/index\.mjs:\d+:\d+/);
    // Mapped: the first frame is the throw in entry.ts, line 3.
    const firstFrame = mapped.split('\n')[1] ?? '';
    expect(firstFrame).toMatch(/entry\.ts:3:\d+/);
    expect(mapped.split('\n')[0]).toBe('Error: the store said no');
  });
});
