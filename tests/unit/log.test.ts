import { describe, expect, it } from 'vitest';
import { createLogger, type LogLevel, withRequestId } from '../../shared/log.ts';

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

describe('log redaction and request ids', () => {
  const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbi0xIn0.c2lnbmF0dXJl';
  const EMAIL = 'reader.name+news@example.org';
  const FINGERPRINT = 'Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4';

  it('never writes a token, an email or a fingerprint from a logged request, however it is carried', async () => {
    const { logger, lines } = capture('debug');
    const request = {
      headers: { Authorization: `Bearer ${TOKEN}`, 'user-agent': 'test' },
      body: { authorName: 'A reader', authorEmail: EMAIL, body: 'Write to me' },
      comment: { fingerprint: FINGERPRINT },
      raw: `POST /comments Authorization: Bearer ${TOKEN} from ${EMAIL}`,
    };
    await withRequestId('req-42', async () => {
      logger.info('Request', { request });
      logger.error(`Failed for ${EMAIL}`, { error: new Error(`token ${TOKEN} of ${EMAIL} refused`) });
    });
    const text = JSON.stringify(lines);
    for (const secret of [TOKEN, EMAIL, FINGERPRINT, 'eyJ']) expect(text).not.toContain(secret);
    expect(text).toContain('A reader');
    // Every line carries the request id.
    expect(lines.map((l) => l.entry.requestId)).toEqual(['req-42', 'req-42']);
  });

  it('keeps the request ids of concurrent requests apart', async () => {
    const { logger, lines } = capture();
    const handle = (id: string, ms: number) =>
      withRequestId(id, async () => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        logger.info('done', { id });
      });
    await Promise.all([handle('a', 20), handle('b', 5), handle('c', 10)]);
    for (const { entry } of lines) expect(entry.requestId).toBe(entry.id);
    logger.info('outside');
    expect(lines.at(-1)?.entry.requestId).toBeUndefined();
  });
});
