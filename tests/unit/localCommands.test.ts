import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = (script: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 30_000,
  });

describe('npm start', () => {
  it('says Java is missing and how to install it, instead of a stack trace', () => {
    // A PATH with node and nothing else, so no java can be found.
    const bin = mkdtempSync(join(tmpdir(), 'cms-nojava-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    const result = run('infra/local/start.ts', ['--in-memory'], { PATH: bin, PORT: '0' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DynamoDB Local needs Java 17 or newer');
    expect(result.stderr).toContain('apt-get install openjdk-17-jre-headless');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('refuses a PORT that is not a port number', () => {
    const result = run('infra/local/start.ts', ['--in-memory'], { PORT: 'eighty' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('PORT must be a port number');
  });
});

describe('npm run token', () => {
  it('prints a token and nothing else', () => {
    const home = mkdtempSync(join(tmpdir(), 'cms-token-'));
    const result = run('infra/local/token.ts', ['--role', 'editor', '--sub', 'someone'], { HOME: home });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const claims = JSON.parse(Buffer.from(result.stdout.split('.')[1] ?? '', 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ sub: 'someone', 'cognito:groups': ['editor'], token_use: 'id' });
  });

  it('explains its usage for a missing or unknown role', () => {
    for (const args of [[], ['--role', 'superuser']]) {
      const result = run('infra/local/token.ts', args);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('usage: npm run -s token -- --role');
    }
  });
});
