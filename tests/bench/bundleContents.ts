/**
 * `npx tsx tests/bench/bundleContents.ts`: what each function's bundle is made of, by package,
 * and how many non-English zod locales came along, from esbuild's metafile. Built with the options
 * CmsFunction gives NodejsFunction (infra/constructs/functions.ts); the sizes match `cdk synth`'s
 * within a few bytes, which tests/infra/bundles.test.ts holds to budgets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { FUNCTIONS, type FunctionName } from '../../shared/http/routes.ts';

const outdir = mkdtempSync(join(tmpdir(), 'cms-bundle-contents-'));
try {
  console.log('function           bytes  non-English zod locales  top contributors');
  for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
    const result = await build({
      entryPoints: [`functions/${name}.ts`],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      mainFields: ['module', 'main'],
      minify: true,
      sourcemap: true,
      metafile: true,
      outfile: join(outdir, name, 'index.mjs'),
      logLevel: 'error',
      banner: {
        js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
      },
    });
    const output = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith('.mjs'))?.[1];
    if (!output) throw new Error(`No output for ${name}`);
    const byPackage = new Map<string, number>();
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? '(project)';
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytesInOutput);
    }
    const locales = Object.keys(output.inputs).filter(
      (path) => /zod\/.*\/locales\//.test(path) && !/locales\/en\./.test(path),
    );
    const top = [...byPackage]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([pkg, bytes]) => `${pkg} ${Math.round(bytes / 1024)} KB`)
      .join(', ');
    console.log(
      `${name.padEnd(16)} ${String(output.bytes).padStart(7)}  ${String(locales.length).padStart(22)}  ${top}`,
    );
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
