import { describe, expect, it } from 'vitest';
import { createLogger, type LogLevel } from '../../shared/log.ts';

function capture(level: LogLevel = 'info') {
  const lines: { level: LogLevel; entry: Record<string, unknown> }[] = [];
  const logger = createLogger({
    level,
    sink: (l, line) => lines.push({ level: l, entry: JSON.parse(line) }),
  });
  return { logger, lines };
}

describe('log', () => {
  it('writes one JSON line per entry, with the context it was given', () => {
    const { logger, lines } = capture();
    logger.with({ requestId: 'r-1' }).warn('Could not remove a schedule', { articleId: 'A' });
    expect(lines).toEqual([
      {
        level: 'warn',
        entry: { level: 'warn', message: 'Could not remove a schedule', requestId: 'r-1', articleId: 'A' },
      },
    ]);
  });

  it('never writes tokens, emails or fingerprints, however deep', () => {
    const { logger, lines } = capture();
    logger.info('x', { token: 't', comment: { authorEmail: 'a@example.org', fingerprint: 'f', body: 'ok' } });
    const text = JSON.stringify(lines);
    for (const secret of ['"t"', 'a@example.org', '"f"']) expect(text).not.toContain(secret);
    expect(text).toContain('"body":"ok"');
  });

  it('turns errors into their name and message, and leaves out entries below its level', () => {
    const { logger, lines } = capture('warn');
    logger.info('not shown');
    logger.error('failed', { error: new TypeError('boom') });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.entry.error).toMatchObject({ name: 'TypeError', message: 'boom' });
  });
});
