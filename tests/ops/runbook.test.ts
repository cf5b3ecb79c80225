import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS, parseUsersArgs, USAGE } from '../../infra/ops/usersCli.ts';
import { API_FUNCTIONS } from '../../infra/stack.ts';
import { FUNCTIONS } from '../../shared/http/routes.ts';
import { TABLES } from '../../shared/store/tables.ts';
import { resourcesOfType, synthesized } from '../infra/synth.ts';

// The runbook (docs/runbook.md) is what an engineer types after a deploy: its `npm run users` lines must
// be commands the CLI accepts, and together they must show every command and option it has.
const RUNBOOK = readFileSync(new URL('../../docs/runbook.md', import.meta.url), 'utf8');
const HEADING = '## Operating it in AWS: runbook';
const start = RUNBOOK.indexOf(HEADING);
const end = RUNBOOK.indexOf('\n## ', start + HEADING.length);
const runbook = RUNBOOK.slice(start, end === -1 ? undefined : end);

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

describe('the runbook', () => {
  it('exists, with its parts', () => {
    expect(start).toBeGreaterThan(-1);
    for (const part of [
      '### Deploy',
      '### The first admin',
      '### People',
      '### Rotate a secret',
      '### Restore a table from a point in time',
      '### A custom domain',
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

// The alarm table: one row per alarm id of the template, a family of alarms by its pattern
// (`Errors-<function>`). Production has every alarm there is (the comment WAF is on there).
const ALARMS_HEADING = '### Alarms: what each means and what to do';
const alarmSection = runbook.slice(
  runbook.indexOf(ALARMS_HEADING),
  runbook.indexOf('\n### ', runbook.indexOf(ALARMS_HEADING) + 1),
);
const rowIds = [...alarmSection.matchAll(/^\| `([^`]+)` +\|/gm)].map((match) => match[1] ?? '');

/** What each placeholder of a row's pattern stands for. */
const PLACEHOLDERS: Record<string, readonly string[]> = {
  '<function>': Object.keys(FUNCTIONS),
  '<api function>': API_FUNCTIONS,
  '<table>': TABLES.map((table) => table.id),
  '<index>': TABLES.flatMap((table) => table.indexes.map((index) => index.name)),
};
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const patternOf = (rowId: string) =>
  new RegExp(
    `^${rowId
      .split(/(<[a-z ]+>)/)
      .map((part) => {
        const names = PLACEHOLDERS[part];
        if (part.startsWith('<') && !names) throw new Error(`Unknown placeholder ${part} in the runbook`);
        return names ? `(${names.map(escapeRegex).join('|')})` : escapeRegex(part);
      })
      .join('')}$`,
  );

const { template: prodTemplate } = await synthesized('prod');

describe('the runbook alarm table and the template', () => {
  const json = prodTemplate;
  const prefix = 'newsroom-cms-prod-';
  const alarmIds = resourcesOfType<{ AlarmName: string }>(json, 'AWS::CloudWatch::Alarm').map(([, alarm]) =>
    alarm.Properties.AlarmName.slice(prefix.length),
  );

  it('every alarm of the template has exactly one row', () => {
    expect(alarmIds.length).toBeGreaterThan(40);
    for (const id of alarmIds) {
      const rows = rowIds.filter((rowId) => patternOf(rowId).test(id));
      expect(rows, id).toHaveLength(1);
    }
  });

  it('every row is an alarm of the template, and no row is there twice', () => {
    expect(rowIds.length).toBeGreaterThanOrEqual(10);
    expect(new Set(rowIds).size).toBe(rowIds.length);
    for (const rowId of rowIds) {
      expect(
        alarmIds.some((id) => patternOf(rowId).test(id)),
        `${rowId} is in the runbook but no alarm matches it`,
      ).toBe(true);
    }
  });

  it("each alarm's description points at its row", () => {
    const descriptions = resourcesOfType<{ AlarmName: string; AlarmDescription: string }>(
      json,
      'AWS::CloudWatch::Alarm',
    ).map(([, alarm]) => alarm.Properties);
    for (const { AlarmName, AlarmDescription } of descriptions) {
      const id = AlarmName.slice(prefix.length);
      const row = rowIds.find((rowId) => patternOf(rowId).test(id)) ?? '(none)';
      // The description names the row as the runbook writes it.
      expect(/docs\/runbook\.md, ([^)]+)\)/.exec(AlarmDescription)?.[1], AlarmName).toBe(row);
    }
  });
});

// Every data migration the docs tell an operator to run is one the CLI has, and every one the CLI
// has is in the runbook's upgrade section, with what it is for.
describe('the data migrations', () => {
  const docs = ['docs', '.'].flatMap((dir) =>
    readdirSync(new URL(`../../${dir}/`, import.meta.url))
      .filter((file) => file.endsWith('.md'))
      .map((file) => readFileSync(new URL(`../../${dir}/${file}`, import.meta.url), 'utf8')),
  );
  const named = new Set(
    docs.flatMap((text) => [...text.matchAll(/npm run migrate -- ([a-z-]+)/g)].map((m) => m[1])),
  );
  const usage = execFileSync(process.execPath, ['--import', 'tsx', 'infra/ops/migrateMain.ts', '--help'], {
    cwd: new URL('../../', import.meta.url),
    encoding: 'utf8',
  });
  const known = new Set([...usage.matchAll(/^([a-z]+-[a-z-]+): /gm)].map((m) => m[1]));

  it('the docs name only migrations the CLI knows', () => {
    expect(known.size).toBeGreaterThanOrEqual(6);
    for (const name of named) expect(known, `npm run migrate -- ${name}`).toContain(name);
  });

  it('the runbook shows how to run each one', () => {
    const upgrade = RUNBOOK.slice(RUNBOOK.indexOf('### Upgrade: data migrations'));
    for (const name of known) expect(upgrade, name).toContain(`npm run migrate -- ${name}`);
  });
});
