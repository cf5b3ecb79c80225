import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../shared/env.ts';
import { WORKFLOW } from '../../shared/workflow.ts';

/**
 * The docs are run as a newcomer would: `npm start` on a fresh in-memory store, then each curl
 * walkthrough exactly as written, with `npm run -s token` for tokens. Only API (the server's
 * address) and NEWSROOM_LOCAL_DIR (so the tokens match this server) come from the test.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const README = read('README.md');

/** Where each walked-through section lives: a section is found by its `## ` heading in its file. */
const SECTIONS = {
  'Walkthrough with curl': 'docs/articles.md',
  'Rich text': 'docs/articles.md',
  Corrections: 'docs/articles.md',
  'Search and sharing fields': 'docs/articles.md',
  'The workflow': 'docs/articles.md',
  'Media library': 'docs/media.md',
  'Archive import': 'docs/imports.md',
  'Scheduling, preview links and events': 'docs/scheduling.md',
  'Reader comments': 'docs/comments.md',
  Configuration: 'docs/configuration.md',
  'The console': 'README.md',
} as const;

function section(title: keyof typeof SECTIONS): string {
  const text = read(SECTIONS[title]);
  const start = text.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`${SECTIONS[title]} has no section "${title}"`);
  const end = text.indexOf('\n## ', start + 4);
  return text.slice(start, end < 0 ? undefined : end);
}

const shellBlocks = (text: string) => [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

let server: ChildProcess | undefined;
let api = '';
const localDir = mkdtempSync(join(tmpdir(), 'readme-'));

beforeAll(async () => {
  server = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts', '--in-memory'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', NEWSROOM_LOCAL_DIR: localDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  api = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${out}`)), 90_000);
    server?.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /running at (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    server?.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    server?.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${out}`)));
  });
});

afterAll(async () => {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server?.once('exit', resolve));
  server.kill('SIGINT'); // npm start stops DynamoDB Local on SIGINT, as on Ctrl-C
  await exited;
});

function runBlock(block: string) {
  const result = spawnSync('bash', ['-euo', 'pipefail', '-c', block], {
    cwd: ROOT,
    env: { ...process.env, API: api, NEWSROOM_LOCAL_DIR: localDir },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `Docs block failed (${result.status}):\n${block}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
    );
  }
  return result.stdout;
}

describe('the docs walkthroughs, run as written', () => {
  it('has the tools they use (curl, jq)', () => {
    expect(spawnSync('bash', ['-c', 'command -v curl && command -v jq']).status, 'install curl and jq').toBe(
      0,
    );
  });

  it('creates, submits, approves, publishes and reads an article', () => {
    const [block] = shellBlocks(section('Walkthrough with curl'));
    const out = runBlock(block ?? '');
    expect(out).toMatch(/created [0-9A-HJKMNP-TV-Z]{26}/);
    expect(out).toContain('"title": "Night buses return to the harbour route"');
    expect(out).toContain('"action":"publish"');
  });

  it('runs the walkthrough a second time (a new slug) without a change', () => {
    const [block] = shellBlocks(section('Walkthrough with curl'));
    expect(runBlock(block ?? '')).toContain('"title": "Night buses return to the harbour route"');
  });

  it("runs the README's first look at the API", () => {
    const [block] = shellBlocks(section('The console'));
    const lines = runBlock(block ?? '')
      .trim()
      .split('\n');
    expect(lines.slice(0, 3).every((line) => /^".+"$/.test(line))).toBe(true);
    expect(Number(lines[3])).toBeGreaterThan(0);
  });

  it('writes rich text and is refused a javascript: link', () => {
    const [block] = shellBlocks(section('Rich text'));
    const out = runBlock(block ?? '');
    expect(out).toContain('{"text":"4%","marks":[{"type":"bold"}]}');
    expect(out).toContain('[{"text":"the operator said in a statement.","marks":[]}]');
    expect(out).toContain('"status":422');
    expect(out).toContain('body.0.text.0.marks.0.href');
  });

  it('publishes a correction on the live lead story', () => {
    const [block] = shellBlocks(section('Corrections'));
    const out = runBlock(block ?? '');
    expect(out).toContain('"by":"desk-1"');
    expect(out).toContain('"text":"An earlier version of this article said 16 plane trees would be removed.');
  });

  it('reads and sets the search and sharing fields', () => {
    const [block] = shellBlocks(section('Search and sharing fields'));
    const out = runBlock(block ?? '');
    expect(out).toContain('{"metaTitle":"Tram extension would fell 60 Linden Park trees","noindex":false}');
    expect(out).toContain('{"canonicalUrl":"https://regatta.example.org/results","noindex":true}');
  });

  it('uploads an image, waits until it is ready, and publishes it in an article', () => {
    const [block] = shellBlocks(section('Media library'));
    const out = runBlock(block ?? '');
    expect(out).toMatch(
      /\{"status":"pending","key":"media\/incoming\/[0-9A-HJKMNP-TV-Z]{26}","maxBytes":20971520\}/,
    );
    expect(out).toContain('upload 204');
    expect(out).toContain(
      '{"status":"ready","type":"image/jpeg","width":800,"height":600,"renditions":[320,640,800]}',
    );
    expect(out).toMatch(
      /"srcset":"\/media\/renditions\/\w{26}\/[0-9a-f]{16}\/320\.webp 320w, \/media\/renditions\/\w{26}\/[0-9a-f]{16}\/640\.webp 640w, \/media\/renditions\/\w{26}\/[0-9a-f]{16}\/800\.webp 800w"/,
    );
    expect(out).toContain('"width":800,"height":600,"alt":"The harbour wall at low tide"');
    expect(out).toContain('"caption":"The damaged stretch by the fish market","credit":"Courier photo desk"');
    expect(out).toContain('200 image/webp public, max-age=31536000, immutable');
    expect(out).toMatch(
      /\{"status":409,"detail":"The image is used by an article: \\"Harbour wall repairs begin\\"/,
    );
  });

  it('imports an archive once, and again without a change', () => {
    const [block] = shellBlocks(section('Archive import'));
    const out = runBlock(block ?? '');
    expect(out).toContain('{"externalId":"courier-archive:2019/0412","outcome":"created"}');
    expect(out).toContain('{"externalId":"courier-archive:2019/0413","outcome":"invalid"}');
    expect(out).toContain('["unchanged","invalid"]');
    expect(out).toContain('"publishedAt":"2019-04-12T18:05:00+01:00"');
  });

  it('schedules an approved article and opens a preview link', () => {
    const [block] = shellBlocks(section('Scheduling, preview links and events'));
    const out = runBlock(block ?? '');
    expect(out).toContain('"status": "scheduled"');
    expect(out).toContain('"title": "Harbour festival moves to September"');
  });

  it('posts a comment, approves it and counts it', () => {
    const [block] = shellBlocks(section('Reader comments'));
    const out = runBlock(block ?? '');
    const [, before, after] = /commentCount (\d+) -> (\d+)/.exec(out) ?? [];
    expect(Number(after)).toBe(Number(before) + 1);
    expect(out).toContain('Will the north path stay open during the works?');
    expect(out).not.toContain('reader@example.org');
  });

  it('runs the reports, reasons and bans walkthrough of "Reader comments"', () => {
    const [, block] = shellBlocks(section('Reader comments'));
    const out = runBlock(block ?? '');
    expect(out).toContain('{"status":"pending","reasons":[{"rule":"suspect-term","detail":"shill"}]}');
    expect(out).toContain('"reportCount":3,"reasons":[{"rule":"reports","detail":"3"}]');
    const [, before, after] = /commentCount (\d+) -> (\d+)/.exec(out) ?? [];
    expect(Number(after)).toBe(Number(before) - 1);
    expect(out).toContain('{"status":403,"detail":"You cannot comment here any more."}');
    expect(out).toContain(
      '{"byReason":{"spam":0,"abuse":1,"off_topic":1,"other":0},"texts":[{"reason":"abuse","text":"Calls the council liars"}]}',
    );
    expect(out).toContain('{"kept":"approved","reportCount":0}');
    expect(out).toContain('{"stillReported":false}');
    expect(out).toContain('{"third":"approved"}');
    expect(out).toContain('{"fourth":"pending"}');
    expect(out).toContain('{"active":false,"revokedBy":');
  });

  it('runs the featured, closing and sorting walkthrough of "Reader comments"', () => {
    const [, , block] = shellBlocks(section('Reader comments'));
    const out = runBlock(block ?? '');
    const lines = out.trim().split('\n');
    // Most replies first, then the replies all under it, then newest first.
    const top = lines.slice(0, 3).map((l) => JSON.parse(l).replyCount as number);
    expect(top).toEqual([...top].sort((a, b) => b - a));
    expect(top[0]).toBeGreaterThan(0);
    expect(lines[3]).toBe('true');
    const newest = JSON.parse(lines[4] ?? '[]') as string[];
    expect(newest).toEqual([...newest].sort().reverse());
    expect(out).toContain('{"status":"approved","featured":true}');
    expect(out).toMatch(/\{"commentCount":\d+,"featuredCount":1\}/);
    expect(out).toContain(
      '{"actor":"dev-moderator","action":"feature","from":"approved","to":"approved","reasons":',
    );
    expect(out).toContain('{"commentsOpen":false}');
    expect(out).toContain(
      '{"actor":"desk-1","action":"comments-closed","note":"The case is before a court"}',
    );
    expect(out).toContain('{"status":403,"detail":"Comments are closed on this article."}');
    expect(out).toContain('{"commentsOpen":true,"commentsCloseAt":"2030-01-01T00:00:00.000Z"}');
    const [, replies] = /\{"status":"rejected","replyCount":(\d+)\}/.exec(out) ?? [];
    expect(Number(replies)).toBeGreaterThan(0);
    expect(out).toContain(`{"removed":true,"authorName":null,"body":null,"replyCount":${replies}}`);
    expect(lines.at(-1)).toBe(replies);
  });
});

/** Every `sh` block of a docs page, in order. */
const blocksOf = (file: string) => shellBlocks(read(file));

describe('the feature pages, run as written', () => {
  it('writes a body as the editor sends it, and the API refuses the link the editor refuses', () => {
    const out = runBlock(blocksOf('docs/editor.md')[0] ?? '');
    expect(out).toContain('{"text":"£2.4m","marks":[{"type":"bold"}]}');
    expect(out).toContain('"href":"https://council.example.org/papers"');
    expect(out.trim().split('\n').at(-1)).toBe('422');
  });

  it('opens the preview page of a working copy: HTML, never cached, not indexed', () => {
    const out = runBlock(blocksOf('docs/preview.md')[0] ?? '');
    expect(out).toContain('Cache-Control: no-store');
    expect(out).toContain('X-Robots-Tag: noindex');
    expect(out).toContain('<h1>Night ferry trial approved</h1>');
    expect(out).toContain('"message": "may hold only the placeholders {token} and {slug}"');
    expect(out).toMatch(/https:\/\/www\.example\.com\/preview\/night-ferry-trial-\d+-from-march\?token=/);
  });

  it("keeps an author's autosave private and says who else is in the article", () => {
    const out = runBlock(blocksOf('docs/desk.md')[0] ?? '');
    expect(out).toContain('"title": "Harbour wall repairs begin in March"');
    expect(out.split('\n')).toContain('404');
    expect(out).toContain('{"user":"reporter-1","unsaved":true}');
  });

  it('counts the words and lists what a story lacks before it goes live', () => {
    const out = runBlock(blocksOf('docs/desk-checks.md')[0] ?? '');
    expect(out).toContain('"wordsPerMinute": 230');
    expect(out).toMatch(/"lead-image-missing",\s*"meta-description-missing",\s*"headline-too-long"/);
    expect(out.trim().split('\n').at(-1)).toBe('204');
  });

  it("counts the queues, shows a commenter's history and undoes a decision once", () => {
    const out = runBlock(blocksOf('docs/moderator-desk.md')[0] ?? '');
    expect(out).toMatch(/^\{"pending":\{"count":\d+,"complete":true\}/);
    expect(out).toContain('"body":"First visit to the thread."');
    expect(out).toContain('"decisions":2,"last":"undo"}');
    expect(out.trim().split('\n').at(-1)).toBe('409');
  });

  it('serves feeds, sitemaps and structured data at the addresses the site settings give', () => {
    const out = runBlock(blocksOf('docs/feeds-and-sitemaps.md')[0] ?? '');
    expect(out).toContain('[422,"articlePath"]');
    expect(out).toMatch(/content-type: application\/rss\+xml/i);
    expect(out).toContain('<link>https://courier.example.org/city/');
    expect(out).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(out).toContain('"isAccessibleForFree":true');
  });

  it('serves the comments widget to the site origin, long-cached and under 20 KB gzipped', () => {
    const out = runBlock(blocksOf('docs/comments-widget.md')[0] ?? '');
    expect(out).toMatch(/access-control-allow-origin: http:\/\/127\.0\.0\.1:\d+/i);
    expect(out).toMatch(/cache-control: public, max-age=31536000, immutable/i);
    const gzipped = out.split('\n').find((line) => /^\d+$/.test(line) && Number(line) > 1000);
    expect(Number(gzipped)).toBeLessThan(20 * 1024);
  });

  it('moves a live story to a new slug: the old one answers 301 once the edit is published', () => {
    const out = runBlock(blocksOf('docs/slugs.md')[0] ?? '');
    expect(out.split('\n')).toContain('200');
    expect(out).toMatch(/HTTP\/1\.1 301/);
    expect(out).toMatch(/location: \/v1\/articles\/harbour-plan-\d+-approved/i);
  });

  it('keeps author records, their public pages and the Person links of their stories', () => {
    const out = runBlock(blocksOf('docs/authors.md')[0] ?? '');
    expect(out).toMatch(/\["[^"]+","https:\/\/[^"]+\/author\/maren-holloway"\]/);
  });

  it('keeps sections as a tree and tags made on the save, found by the typeahead', () => {
    const out = runBlock(blocksOf('docs/taxonomy.md')[0] ?? '');
    expect(out).toContain('"tags":["pier-lights"]');
    expect(out).toContain('"slug":"pier-lights"');
  });

  it('labels a story for subscribers, keeps its body out of feeds and names the paywalled part', () => {
    const out = runBlock(blocksOf('docs/access.md')[0] ?? '');
    expect(out).toContain('"paywallSelector":".story-locked"');
    expect(out.trim().split('\n').at(-1)).toBe('.story-locked');
  });

  it('cuts an image around its focal point and carries the crops in the public article', () => {
    const out = runBlock(blocksOf('docs/crops.md')[0] ?? '');
    expect(out).toContain('"lead":"16:9"');
    expect(out).toContain('"ratio":"1.91:1"');
  });

  it('arranges, publishes, schedules and restores a front', () => {
    const out = runBlock(blocksOf('docs/fronts.md')[0] ?? '');
    expect(out).toMatch(/"publishedBy":"[^"]+"/);
    // The sample city front pins the storm story, whose live coverage is running.
    expect(out).toMatch(/"pinned":true,"live":true/);
  });

  it('posts live entries, polls what is new, refuses an entry once the coverage ended, and moves them with the slug', () => {
    const out = runBlock(blocksOf('docs/live-coverage.md')[0] ?? '');
    expect(out).toContain('"ended"');
    expect(out).toMatch(/^409$/m);
    expect(out).toMatch(/-day-two\/entries\/[0-9A-Z]{26}"/);
    expect(out).toMatch(/HTTP\/1\.1 301/);
    expect(out).toMatch(/^location: \/v1\/articles\/[a-z0-9-]+-day-two\/entries\s*$/im);
  });

  it('keeps a live desk line of its own, open to contributors and not to the editor line', () => {
    const out = runBlock(blocksOf('docs/live-desk.md')[0] ?? '');
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('[]');
    expect(lines[1]).toBe('["desk-1"]');
    expect(lines[2]).toBe('404');
    expect(lines.at(-1)).toBe('[]');
  });

  it('lists fronts, refuses a stale save with 412 and previews the draft', () => {
    const out = runBlock(blocksOf('docs/fronts-console.md')[0] ?? '');
    expect(out).toMatch(/^\{"name":"home","version":\d+/m);
    expect(out.split('\n')).toContain('412');
    expect(out).toMatch(/\{"name":"top","entries":\[\{"title":"[^"]+","pinned":true\}/);
  });

  it('chooses a named crop for one placement of a lead image, refuses an unknown one, resets it', () => {
    // crops.md's upload of a ready image (its steps up to 1.) gives MEDIA; its article is not made again.
    const setup = (blocksOf('docs/crops.md')[0] ?? '').split('\n# 1.')[0];
    const out = runBlock(`${setup}\n${blocksOf('docs/crops-console.md')[0] ?? ''}`);
    const lines = out.trim().split('\n');
    expect(lines.at(-3)).toMatch(/"crops":\{"card":"4:5"\}/);
    expect(lines.at(-2)).toMatch(/^\{"status":422,"errors":\[\{[^}]*"path":"leadImage\.crops\.card"/);
    expect(lines.at(-1)).not.toContain('crops');
  });

  it('reads the sections tree, creates and renames a child (the old slug answers 301), refuses deleting a parent', () => {
    const out = runBlock(blocksOf('docs/taxonomy-console.md')[0] ?? '');
    expect(out).toContain('["slug"]');
    expect(out).toMatch(/\{"slug":"quays-\d+","parent":"city","version":1\}/);
    expect(out).toMatch(/^301 \/v1\/sections\/quays-\d+-new$/m);
    expect(out).toMatch(/\{"status":409,"detail":"[^"]*city[^"]*"\}/);
  });

  it('carries a section rename to the stored story and announces it', () => {
    const out = runBlock(blocksOf('docs/taxonomy-changes.md')[0] ?? '');
    expect(out.split('\n')).toContain('quayside');
    expect(out).toContain('"detail-type":"SectionChanged"');
    expect(out).toContain('"detail-type":"ArticlesRelabelled"');
  });

  it('finds an image by a word of its file name and a queued comment by its words', () => {
    const out = runBlock(blocksOf('docs/search.md')[0] ?? '');
    expect(out).toContain('{"text":"quay","match":true}');
    expect(out).toContain('["Pelicans on the harbour wall"]');
    expect(out).toContain('{"text":"tram","match":true}');
  });
});

describe('the docs match the code', () => {
  it('lists every environment variable the functions read', () => {
    const config = section('Configuration');
    for (const name of Object.values(ENV)) expect(config, name).toContain(`\`${name}\``);
  });

  it('shows the workflow table of shared/workflow.ts', () => {
    const rows = section('The workflow')
      .split('\n')
      .filter((line) => /^\| [a-z_]+ /.test(line) && !line.startsWith('| action '))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    const table = rows.map(([, action, from, to]) => ({
      action: action?.split(' ')[0],
      from: from?.split(', or any status while live')[0]?.split(', ').sort(),
      anyWhileLive: from?.includes('any status while live') ?? false,
      to,
    }));
    expect(table).toEqual(
      WORKFLOW.map((rule) => ({
        action: rule.action,
        from: [...rule.from].sort(),
        anyWhileLive: rule.fromAnyWhileLive === true,
        to: rule.to,
      })),
    );
  });

  it('points nowhere outside the repository, and every link between the docs lands', () => {
    const files = [
      'README.md',
      'CONTRIBUTING.md',
      ...readdirSync(join(ROOT, 'docs')).map((f) => `docs/${f}`),
    ];
    for (const file of files) {
      const text = read(file);
      expect(text, file).not.toContain('../shared');
      for (const [, target = ''] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:)/.test(target)) continue;
        const [path = '', anchor] = target.split('#');
        const dest = path === '' ? file : join(dirname(file), path);
        expect(existsSync(join(ROOT, dest)), `${file} links to ${target}`).toBe(true);
        if (anchor) expect(anchorsOf(read(dest)), `${file} links to ${target}`).toContain(anchor);
      }
    }
  });

  it('keeps the README a front door: the two commands, the docs, at most 250 lines', () => {
    expect(README.split('\n').length).toBeLessThanOrEqual(250);
    expect(README).toContain('npm start');
    expect(README).toContain('npm test');
  });
});

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): string[] {
  return [...markdown.matchAll(/^#{1,6} (.+)$/gm)].map(([, heading = '']) =>
    heading
      .trim()
      .toLowerCase()
      .replace(/[^\w\- ]/g, '')
      .replaceAll(' ', '-'),
  );
}
