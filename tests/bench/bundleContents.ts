/**
 * `npx tsx tests/bench/bundleContents.ts`: what each function's bundle is made of, by package,
 * and how many non-English zod locales came along, from esbuild's metafile. Built with the options
 * CmsFunction gives NodejsFunction (infra/constructs/functionBundling.ts); the sizes match `cdk synth`'s
 * within a few bytes, which tests/infra/bundles.test.ts holds to budgets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { functionBuildOptions } from '../../infra/constructs/functionBundling.ts';
import { FUNCTIONS, type FunctionName } from '../../shared/http/routes.ts';

export interface BundleBreakdown {
  bytes: number;
  /** Non-English zod locales found: any means all 64 came along. */
  locales: number;
  /** Packages by bytes in the output, largest first. */
  top: { pkg: string; bytes: number }[];
}

/** Builds one entry with CmsFunction's options and says what its output is made of. */
export async function bundleBreakdown(entry: string, outdir: string, top = 4): Promise<BundleBreakdown> {
  const result = await build({
    ...functionBuildOptions(entry, join(outdir, 'index.mjs')),
    metafile: true,
  });
  const output = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith('.mjs'))?.[1];
  if (!output) throw new Error(`No output for ${entry}`);
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? '(project)';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytesInOutput);
  }
  const locales = Object.keys(output.inputs).filter(
    (path) => /zod\/.*\/locales\//.test(path) && !/locales\/en\./.test(path),
  ).length;
  return {
    bytes: output.bytes,
    locales,
    top: [...byPackage]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([pkg, bytes]) => ({ pkg, bytes })),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outdir = mkdtempSync(join(tmpdir(), 'cms-bundle-contents-'));
  try {
    console.log('function           bytes  non-English zod locales  top contributors');
    for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
      const { bytes, locales, top } = await bundleBreakdown(`functions/${name}.ts`, join(outdir, name));
      console.log(
        `${name.padEnd(16)} ${String(bytes).padStart(7)}  ${String(locales).padStart(22)}  ${top
          .map(({ pkg, bytes: b }) => `${pkg} ${Math.round(b / 1024)} KB`)
          .join(', ')}`,
      );
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
