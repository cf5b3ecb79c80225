/**
 * The one logger: a JSON line per entry on stdout/stderr, which CloudWatch keeps and Logs Insights
 * queries by field. Our own module rather than Powertools Logger because every function bundles it,
 * the public read function included, and this needs no dependency at all.
 *
 * Secrets and personal data never reach a log: any field whose name says token, secret, password,
 * authorization, cookie, email or fingerprint is replaced, however deep it sits.
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
      sink(level, JSON.stringify({ level, message, ...scrub({ ...context, ...fields }, 0) }));
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

function clean(value: unknown, depth: number): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH) return '[nested too deep]';
  if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
  return scrub(value as LogFields, depth);
}

/** The process-wide logger. */
export const log: Logger = createLogger();
