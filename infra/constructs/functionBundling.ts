import type { BuildOptions } from 'esbuild';

/**
 * How every function is bundled, written once: CmsFunction hands these to NodejsFunction, and the
 * benchmarks (tests/bench/) give the same to esbuild, so the sizes and cold starts they measure
 * are those of what is deployed. Free of aws-cdk-lib, so a benchmark loads it without the CDK.
 */
export const FUNCTION_BUNDLING = {
  format: 'esm',
  target: 'node24',
  // Prefer packages' ESM builds: the SDK then needs no require() and publicRead shrinks from
  // about 577 KB to 379 KB.
  mainFields: ['module', 'main'],
  minify: true,
  sourceMap: true,
  // Any CommonJS left in an ESM bundle calls require(), which ESM lacks unless we define it.
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
} as const;

/** The same options as esbuild takes them (NodejsFunction runs esbuild with these for a Node.js target). */
export const functionBuildOptions = (entry: string, outfile: string): BuildOptions => ({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: FUNCTION_BUNDLING.format,
  target: FUNCTION_BUNDLING.target,
  mainFields: [...FUNCTION_BUNDLING.mainFields],
  minify: FUNCTION_BUNDLING.minify,
  sourcemap: FUNCTION_BUNDLING.sourceMap,
  banner: { js: FUNCTION_BUNDLING.banner },
  outfile,
  logLevel: 'error',
});
