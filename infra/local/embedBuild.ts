import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { EMBED_LOADER } from '../embed.ts';

/**
 * The comments widget (web/embed), built apart from the console: one minified ES module under a
 * versioned name (`comments.<hash>.js`, cached for a year) and a stable loader (`comments.js`, a
 * one-line import of it, cached briefly) that newsrooms put in their pages. Both land in
 * <dist>/embed, which `npm start` serves and the console's distribution deploys.
 */
export const EMBED_SOURCE = join(import.meta.dirname, '..', '..', 'web', 'embed');

export async function buildWidget(dist: string): Promise<{ loader: string; module: string }> {
  const result = await build({
    entryPoints: [join(EMBED_SOURCE, 'comments.ts')],
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error('esbuild produced no widget');
  const module = `comments.${createHash('sha256').update(code).digest('hex').slice(0, 12)}.js`;
  const dir = join(dist, 'embed');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, module), code);
  writeFileSync(join(dir, EMBED_LOADER), `import './${module}';\n`);
  return { loader: EMBED_LOADER, module };
}
