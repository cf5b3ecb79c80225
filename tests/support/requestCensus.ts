import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * `npm run test:census`: every request the run's files send to the shared DynamoDB Local, counted
 * by test file and by operation, through a small proxy in front of it. The suite's time is mostly
 * DynamoDB Local's CPU (CONTRIBUTING.md, Scripts), so this is where a cut is found. Opt-in: the
 * proxy adds a hop to every request, so a plain `npm test` does not run it.
 */
export const CENSUS_VARIABLE = 'CMS_TEST_CENSUS';

/** Where createTestEnv notes which file made which table prefix. */
const FILES = 'files.tsv';

/**
 * A prefix as tests/support/env.ts makes them (`t` and ten hex digits): in a table name, a stream's
 * ARN, or a batch's table key (`"RequestItems":{"t…-Content":[…]}`, `{"t…-Content":{"Keys":…}}`).
 */
const PREFIX =
  /"(?:TableName|StreamArn)"\s*:\s*"(?:[^"]*\/)?(t[0-9a-f]{10})-|"(t[0-9a-f]{10})-[A-Za-z]+"\s*:\s*[[{]/;

/** The test prefix a request names, or undefined (ListTables, a shard iterator, tables made by other code). */
export function prefixOf(body: string): string | undefined {
  const match = PREFIX.exec(body);
  return match?.[1] ?? match?.[2];
}

interface Tally {
  requests: number;
  bytes: number;
}

export interface RequestCensus {
  endpoint: string;
  /** The tallies so far, by file (or `other`) and operation. */
  tallies(): Map<string, Map<string, Tally>>;
  /** The census as a short table: the operations, and the files that sent the most. */
  report(top?: number): string;
  close(): Promise<void>;
}

/** Notes that this test file's tables carry `prefix` (a no-op unless the census runs). */
export function noteCensusPrefix(dir: string | undefined, prefix: string, file: string | undefined): void {
  if (dir) appendFileSync(join(dir, FILES), `${prefix}\t${file ?? 'unknown'}\n`);
}

export async function startRequestCensus(target: string, dir: string, root: string): Promise<RequestCensus> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  /** prefix → operation → tally; resolved to files when reported (files note their prefix first). */
  const byPrefix = new Map<string, Map<string, Tally>>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation =
        String(req.headers['x-amz-target'] ?? 'unknown')
          .split('.')
          .pop() ?? 'unknown';
      const prefix = prefixOf(body.toString('utf8')) ?? 'other';
      const ops = byPrefix.get(prefix) ?? new Map<string, Tally>();
      byPrefix.set(prefix, ops);
      const tally = ops.get(operation) ?? { requests: 0, bytes: 0 };
      ops.set(operation, tally);
      tally.requests += 1;
      tally.bytes += body.length;
      const forward = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
          agent,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', (error) => {
        // As a dead DynamoDB Local would answer: the SDK retries or reports it.
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const files = () => {
    const path = join(dir, FILES);
    const map = new Map<string, string>();
    if (!existsSync(path)) return map;
    for (const line of readFileSync(path, 'utf8').split('\n').filter(Boolean)) {
      const [prefix = '', file = ''] = line.split('\t');
      map.set(prefix, file.startsWith(root) ? file.slice(root.length + 1) : file);
    }
    return map;
  };
  const tallies = () => {
    const fileOf = files();
    const out = new Map<string, Map<string, Tally>>();
    for (const [prefix, ops] of byPrefix) {
      const file = fileOf.get(prefix) ?? 'other';
      const into = out.get(file) ?? new Map<string, Tally>();
      out.set(file, into);
      for (const [operation, tally] of ops) {
        const sum = into.get(operation) ?? { requests: 0, bytes: 0 };
        into.set(operation, { requests: sum.requests + tally.requests, bytes: sum.bytes + tally.bytes });
      }
    }
    return out;
  };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    tallies,
    report(top = 20) {
      const all = tallies();
      const perOperation = new Map<string, number>();
      const perFile: [string, number, string][] = [];
      for (const [file, ops] of all) {
        let total = 0;
        for (const [operation, { requests }] of ops) {
          perOperation.set(operation, (perOperation.get(operation) ?? 0) + requests);
          total += requests;
        }
        const most = [...ops]
          .sort((a, b) => b[1].requests - a[1].requests)
          .slice(0, 3)
          .map(([operation, { requests }]) => `${operation} ${requests}`)
          .join(', ');
        perFile.push([file, total, most]);
      }
      const total = perFile.reduce((sum, [, n]) => sum + n, 0);
      return [
        '',
        ` Requests to DynamoDB Local  ${total} from ${all.size} files`,
        `   by operation  ${[...perOperation]
          .sort((a, b) => b[1] - a[1])
          .map(([operation, n]) => `${operation} ${n}`)
          .join(', ')}`,
        ...perFile
          .sort((a, b) => b[1] - a[1])
          .slice(0, top)
          .map(([file, n, most]) => `   ${String(n).padStart(6)}  ${file} (${most})`),
      ].join('\n');
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
