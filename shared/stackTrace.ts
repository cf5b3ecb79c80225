import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Readable stack traces from a minified bundle without paying for them at every cold start.
 *
 * `--enable-source-maps` makes Node read and parse the bundle's whole source map (1.5-3.4 MB here)
 * before the first request, on every cold start, for traces that only an error ever needs. This
 * reads the map next to the bundle the first time an error is logged, and translates the frames
 * of that one trace; the map is then kept for the container's later errors. Frames from files
 * without a map (running the TypeScript sources locally, Node's own modules) are left as they are.
 * (`process.setSourceMapsEnabled(true)` called at that moment would not help: Node only maps
 * modules loaded after it is enabled.)
 */
const maps = new Map<string, SourceMap | null>();

function mapFor(file: string): SourceMap | null {
  const known = maps.get(file);
  if (known !== undefined) return known;
  let map: SourceMap | null = null;
  try {
    const path = `${file}.map`;
    if (existsSync(path)) map = new SourceMap(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    map = null;
  }
  maps.set(file, map);
  return map;
}

/** `(file:///var/task/index.mjs:1:2345)` or `at file:///...:1:2345`: location of a V8 frame. */
const FRAME = /(\(?)((?:file:\/\/)?\/[^\s()]+?\.m?js):(\d+):(\d+)(\)?)$/;

function mapFrame(line: string): string {
  const match = FRAME.exec(line);
  if (!match) return line;
  const [whole, open, location, row, column, close] = match;
  const file = location?.startsWith('file://') ? fileURLToPath(location) : (location ?? '');
  const map = mapFor(file);
  if (!map) return line;
  const entry = map.findEntry(Number(row) - 1, Number(column) - 1) as {
    originalSource?: string;
    originalLine?: number;
    originalColumn?: number;
    name?: string;
  };
  if (entry.originalSource === undefined || entry.originalLine === undefined) return line;
  const source = entry.originalSource.replace(/^(?:\.\.\/)+/, '');
  const original = `${source}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}`;
  return `${line.slice(0, line.length - whole.length)}${open}${original}${close}`;
}

/** The error's stack with each bundled frame pointing at the TypeScript source it came from. */
export function readableStack(error: Error): string | undefined {
  if (error.stack === undefined) return undefined;
  return error.stack.split('\n').map(mapFrame).join('\n');
}
