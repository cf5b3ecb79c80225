import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The one logger: a JSON line per entry on stdout/stderr, which CloudWatch keeps and Logs Insights
 * queries by field. Our own module rather than Powertools Logger because every function bundles it,
 * the public read function included, and this needs no dependency at all (measured: see docs/security.md,
 * Observability).
 *
 * Every line written while a request is handled carries its `requestId` (the dispatcher and the
 * scheduler's handler run their work inside `withRequestId`; concurrent requests of the local
 * gateway keep theirs apart).
 *
 * Secrets and personal data never reach a log: any field whose name says token, secret, password,
 * authorization, cookie, email or fingerprint is replaced, however deep it sits, and so is any
 * string value that holds an email address or a bearer token.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds these fields (a requestId, once known) to every entry. */
  with(fields: LogFields): Logger;
}

export type LogSink = (level: LogLevel, line: string) => void;

const requestContext = new AsyncLocalStorage<LogFields>();

/** Runs `work` with `requestId` added to every line logged inside it, however deep the call. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return requestContext.run({ requestId }, work);
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SENSITIVE = /token|secret|password|authorization|cookie|email|fingerprint/i;
const MAX_DEPTH = 6;

/** Lambda's console already adds the request id and timestamp to the line; we add structure. */
const consoleSink: LogSink = (level, line) => {
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
};

export function createLogger(
  options: { sink?: LogSink; level?: LogLevel; context?: LogFields } = {},
): Logger {
  const sink = options.sink ?? consoleSink;
  const threshold = RANK[options.level ?? levelFromEnv()];
  const context = options.context ?? {};
  const write =
    (level: LogLevel) =>
    (message: string, fields: LogFields = {}) => {
      if (RANK[level] < threshold) return;
      const request = requestContext.getStore() ?? {};
      sink(
        level,
        JSON.stringify({
          level,
          message: scrubText(message),
          ...scrub({ ...request, ...context, ...fields }, 0),
        }),
      );
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    with: (fields) => createLogger({ sink, level: options.level, context: { ...context, ...fields } }),
  };
}

function levelFromEnv(): LogLevel {
  const level = process.env.LOG_LEVEL?.toLowerCase();
  return level === 'debug' || level === 'warn' || level === 'error' ? level : 'info';
}

/** Errors become their name, message and stack; sensitive fields are replaced. */
function scrub(fields: LogFields, depth: number): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = SENSITIVE.test(key) ? '[redacted]' : clean(value, depth + 1);
  }
  return out;
}

const EMAIL = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[^\s@"'<>(),;:]+/g;
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi;
const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

/** Emails and bearer tokens inside free text (a message, an error, a header dump). */
function scrubText(text: string): string {
  return text
    .replace(BEARER, 'Bearer [redacted]')
    .replace(JWT, '[redacted]')
    .replace(EMAIL, '[redacted email]');
}

function clean(value: unknown, depth: number): unknown {
  if (value instanceof Error)
    return {
      name: value.name,
      message: scrubText(value.message),
      stack: value.stack && scrubText(value.stack),
    };
  if (typeof value === 'string') return scrubText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH) return '[nested too deep]';
  if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
  return scrub(value as LogFields, depth);
}

/** The process-wide logger. */
export const log: Logger = createLogger();
