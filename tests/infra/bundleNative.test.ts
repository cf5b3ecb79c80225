import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NATIVE_MODULES } from '../../infra/constructs/functions.ts';
import type { FunctionName } from '../../shared/http/routes.ts';
import { runBundles } from './bundleHarness.ts';

// What a function with native modules takes to Lambda beside its bundle (tests/infra/bundleHarness.ts).

// The run's synth with bundling, as the file loads, where no test's timeout runs.
const { bundles } = await runBundles();

/** ELF's e_machine (offset 18, little-endian): 183 is AArch64, 62 is x86-64. */
const elfMachine = (file: string) => readFileSync(file).readUInt16LE(18);

describe('native modules for Lambda', () => {
  it.each(Object.keys(NATIVE_MODULES) as FunctionName[])(
    '%s: the asset carries sharp and libvips built for linux-arm64 (ELF AArch64), nothing for this host',
    (name) => {
      const assetDir = join(bundles.get(name)?.file ?? '', '..');
      const img = join(assetDir, 'node_modules', '@img');
      expect(readdirSync(img).sort()).toEqual(['colour', 'sharp-libvips-linux-arm64', 'sharp-linux-arm64']);
      const addon = readdirSync(join(img, 'sharp-linux-arm64', 'lib')).find((f) => f.endsWith('.node'));
      expect(addon).toBeDefined();
      expect(elfMachine(join(img, 'sharp-linux-arm64', 'lib', addon ?? ''))).toBe(183);
      const libvips = readdirSync(join(img, 'sharp-libvips-linux-arm64', 'lib')).find((f) =>
        f.startsWith('libvips'),
      );
      expect(elfMachine(join(img, 'sharp-libvips-linux-arm64', 'lib', libvips ?? ''))).toBe(183);
      // The bundle imports sharp rather than inlining it.
      expect(readFileSync(bundles.get(name)?.file ?? '', 'utf8')).toMatch(/from\s*"sharp"/);
    },
  );
});
