import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

/**
 * Import cycles, over the same graph: every relative import (type-only ones too: a cycle of types
 * still ties two modules into one) between the project's own sources. Tarjan's strongly connected
 * components; any component of more than one module, or a module importing itself, is a cycle.
 */
const PROJECT = ['shared', 'functions', 'infra', join('web', 'src'), 'seeds', 'tests'];

function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  return new Map(
    files.map((file) => {
      const targets = specifiers(readFileSync(join(ROOT, file), 'utf8'))
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => relative(ROOT, resolve(ROOT, dirname(file), specifier)))
        .filter((target) => known.has(target));
      return [file, targets];
    }),
  );
}

function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) ?? 0);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('import cycles', () => {
  it('none anywhere in the project', () => {
    const files = PROJECT.filter((dir) => existsSync(join(ROOT, dir))).flatMap(sourceFiles);
    const graph = importGraph(files);
    // The graph is real: the route table alone imports a module per function.
    expect(graph.get(join('shared', 'http', 'routes.ts'))?.length).toBeGreaterThan(5);
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle through several modules, and a module that imports itself', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
  });
});
