import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS, parseUsersArgs, USAGE } from '../../infra/ops/usersCli.ts';

// The README's runbook is what an engineer types after a deploy: its `npm run users` lines must
// be commands the CLI accepts, and together they must show every command and option it has.
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const HEADING = '## Operating it in AWS: runbook';
const start = README.indexOf(HEADING);
const end = README.indexOf('\n## ', start + HEADING.length);
const runbook = README.slice(start, end === -1 ? undefined : end);

/** Each `npm run users -- ...` in the runbook, in code blocks and inline code, as argv. */
function usersCommands(text: string): string[][] {
  const found: string[][] = [];
  for (const match of text.matchAll(/npm run (?:-s )?users -- ([^`\n]*)/g)) {
    const args = (match[1] ?? '').replace(/\s+#.*$/, '').trim();
    found.push(args.split(/\s+/).filter((token) => token !== ''));
  }
  return found;
}

const commands = usersCommands(runbook);
const everyOption = [...new Set(Object.values(COMMANDS).flatMap((spec) => [...spec.options]))];

describe('the README runbook', () => {
  it('exists, with its parts', () => {
    expect(start).toBeGreaterThan(-1);
    for (const part of [
      '### Deploy',
      '### The first admin',
      '### People',
      '### Rotate a secret',
      '### Restore a table from a point in time',
      '### Alarms: what each means and what to do',
    ]) {
      expect(runbook).toContain(part);
    }
  });

  it('every npm run users line is a command the parser accepts as written', () => {
    expect(commands.length).toBeGreaterThanOrEqual(8);
    for (const argv of commands) {
      expect(() => parseUsersArgs(argv), argv.join(' ')).not.toThrow();
    }
  });

  it('shows every command and every option the CLI has', () => {
    const shown = new Set(commands.map((argv) => argv[0]));
    for (const name of Object.keys(COMMANDS)) expect(shown, name).toContain(name);
    const flags = new Set(commands.flat().filter((token) => token.startsWith('--')));
    for (const option of [...everyOption, 'help']) expect(flags, option).toContain(`--${option}`);
  });

  it('and the usage text the CLI prints names the same commands and options', () => {
    for (const name of Object.keys(COMMANDS)) expect(USAGE).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    for (const option of everyOption) expect(USAGE).toContain(`--${option}`);
    // The first admin, as the runbook shows it.
    expect(runbook).toContain('npm run users -- add --email chief@example.org --group admin --stage prod');
  });
});
