import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Run time (shared/, functions/) must not reach into tooling: the sample content (seeds/, which
 * itself builds on shared/) or the contract generator (infra/contract/, which reads the seeds for
 * its examples). The functions serve the committed shared/contract/openapi.json instead.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUN_TIME = ['shared', 'functions'];
const TOOLING = ['seeds', join('infra', 'contract')];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|tsx|js|mjs)$/.test(file))
    .map((file) => join(dir, file));
}

/** Every module `file` (relative to the root) loads: static and dynamic imports, re-exports. */
function specifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** The tooling folder a specifier written in `file` lands in, if any. */
function toolingTarget(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = relative(ROOT, resolve(ROOT, dirname(file), specifier));
  return TOOLING.find((dir) => target === dir || target.startsWith(`${dir}${sep}`));
}

function violations(file: string, text: string): string[] {
  return specifiers(text)
    .filter((specifier) => toolingTarget(file, specifier))
    .map((specifier) => `${file} imports ${specifier}`);
}

describe('layering', () => {
  it('no module under shared/ or functions/ imports seeds/ or the contract generator', () => {
    const files = RUN_TIME.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) => violations(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(found).toEqual([]);
  });

  it('recognises every way a module can be loaded', () => {
    const file = join('shared', 'http', 'handler.ts');
    const text = [
      "import { SEED_ARTICLES } from '../../seeds/content.ts';",
      "import type { Media } from '../../infra/contract/examples.ts';",
      "export { EXAMPLES } from '../../infra/contract/examples.ts';",
      "import '../../seeds/load.ts';",
      "const doc = await import('../../infra/contract/document.ts');",
      "import { ENV } from '../env.ts';",
      "import { infra } from '../../infra/contractual.ts';",
    ].join('\n');
    expect(violations(file, text)).toHaveLength(5);
  });
});
