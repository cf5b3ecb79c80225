import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PUBLIC_FRONT_ROUTES } from '../../shared/http/routes/publicFronts.ts';
import { PUBLIC_READ_ROUTES } from '../../shared/http/routes/publicRead.ts';
import {
  PUBLIC_PATHS,
  PURGE_EVENT_TYPES,
  type PurgeableEvent,
  purgePaths,
  purgePathsOf,
} from '../../shared/integrations/cdnPaths.ts';
import { createCdnPurge } from '../../shared/integrations/cdnPurge.ts';
import { type CmsEventType, eventsOf } from '../../shared/integrations/outbox.ts';
import { commentKeys } from '../../shared/store/commentKeys.ts';

const SLUG = 'tram-extension-would-fell-60-trees';
const event = (type: CmsEventType, version = 1): PurgeableEvent => ({
  type,
  detail: { slug: SLUG, version },
});

describe('the paths an event invalidates', () => {
  it('a publish or unpublish: the article with its variants and thread (one wildcard), every list, feed and sitemap', () => {
    const lists = [`/v1/articles/${SLUG}*`, '/v1/articles', '/v1/articles?*'];
    const syndication = ['/v1/feeds*', '/v1/sitemaps*', '/v1/authors*'];
    // A correction is a publish (ArticlePublished), so it reaches the feeds and sitemaps too.
    expect(purgePaths(event('ArticlePublished'))).toEqual([...lists, ...syndication]);
    // A story taken down also leaves every cached search page at once.
    expect(purgePaths(event('ArticleUnpublished'))).toEqual([...lists, '/v1/search*', ...syndication]);
  });

  it('every feed and sitemap a story can be in is purged when it is published or taken down', () => {
    const covers = (pattern: string, path: string) =>
      pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
    for (const type of ['ArticlePublished', 'ArticleUnpublished'] as const) {
      const purged = purgePaths(event(type));
      for (const path of [
        '/v1/feeds/rss',
        '/v1/feeds/atom?section=city',
        '/v1/feeds/rss?tag=trams',
        '/v1/feeds/atom?author=a-reporter',
        '/v1/sitemaps/index.xml',
        '/v1/sitemaps/news.xml',
        '/v1/sitemaps/2026-12.xml',
        // Its authors' pages: the story enters, changes in or leaves each one's list.
        '/v1/authors/maren-holloway/articles',
        '/v1/authors/maren-holloway/articles?limit=10',
      ]) {
        expect(
          purged.some((pattern) => covers(pattern, path)),
          `${type} ${path}`,
        ).toBe(true);
      }
    }
  });

  it('an approval: the thread and the article (its commentCount), one path; no list shows counts', () => {
    expect(purgePaths(event('CommentApproved', 0))).toEqual([`/v1/articles/${SLUG}*`]);
    expect(purgePaths(event('CommentApproved', 3))).toEqual([`/v1/articles/${SLUG}*`]);
  });

  it('a rejection after a decision may remove a public comment; one on posting never was public', () => {
    expect(purgePaths(event('CommentRejected', 1))).toEqual([`/v1/articles/${SLUG}*`]);
    expect(purgePaths(event('CommentRejected', 0))).toEqual([]);
  });

  it('a posted comment purges nothing: pending is not public, and approved-at-once is also CommentApproved', () => {
    expect(purgePaths(event('CommentPosted', 0))).toEqual([]);
    const posted = {
      ...commentKeys.comment('01ARZ3NDEKTSV4RRFFQ69G5FAW'),
      id: '01ARZ3NDEKTSV4RRFFQ69G5FAW',
      articleId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      articleSlug: SLUG,
      status: 'approved',
      createdAt: '2026-11-01T10:00:00.000Z',
      moderation: [],
    };
    const announced = eventsOf({
      eventName: 'INSERT',
      oldImage: undefined,
      newImage: posted,
      committedAt: '2026-11-01T10:00:00.000Z',
    });
    expect(announced.map((e) => e.type)).toEqual(['CommentPosted', 'CommentApproved']);
    expect(purgePathsOf(announced)).toEqual([`/v1/articles/${SLUG}*`]);
  });

  it('several events name each path once', () => {
    const paths = purgePathsOf([
      event('ArticlePublished'),
      { type: 'ArticlePublished', detail: { slug: 'ferry-fares-rise', version: 2 } },
      event('CommentApproved'),
    ]);
    expect(paths).toEqual([
      `/v1/articles/${SLUG}*`,
      '/v1/articles',
      '/v1/articles?*',
      '/v1/feeds*',
      '/v1/sitemaps*',
      '/v1/authors*',
      '/v1/articles/ferry-fares-rise*',
    ]);
  });

  it("a front's update purges its one path, exactly the public front route's", () => {
    const paths = purgePaths({ type: 'FrontUpdated', detail: { name: 'home', version: 3 } });
    expect(paths).toEqual(['/v1/fronts/home']);
    const route = PUBLIC_FRONT_ROUTES.find((r) => r.id === 'getPublicFront');
    expect(route?.path.replace('{front}', 'home')).toBe(paths[0]);
  });

  it('the paths are the public GET routes of the route table, and the rule matches every purging type', () => {
    // Every public GET of the route table (the featured and replies listings too) sits under a path
    // the purge of an article reaches, and every thread listing under what a comment decision purges.
    const paths = PUBLIC_READ_ROUTES.map((route) =>
      route.path.replace('{slug}', SLUG).replace('{id}', '01ARZ3NDEKTSV4RRFFQ69G5FAV'),
    );
    expect(paths).toEqual(
      expect.arrayContaining([PUBLIC_PATHS.list, PUBLIC_PATHS.article(SLUG), PUBLIC_PATHS.thread(SLUG)]),
    );
    // A wildcard path ends in `*` (CloudFront allows it nowhere else) and covers what it must.
    const covers = (pattern: string, path: string) =>
      pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
    const published = purgePaths(event('ArticleUnpublished'));
    const decided = purgePaths(event('CommentApproved', 1));
    for (const path of paths) {
      expect(
        published.some((pattern) => covers(pattern, path)),
        path,
      ).toBe(true);
      if (path.startsWith(PUBLIC_PATHS.thread(SLUG))) {
        expect(
          decided.some((pattern) => covers(pattern, path)),
          path,
        ).toBe(true);
      }
    }
    for (const path of [
      PUBLIC_PATHS.list,
      `${PUBLIC_PATHS.list}?tag=trams&section=city&limit=5`,
      PUBLIC_PATHS.article(SLUG),
      `${PUBLIC_PATHS.article(SLUG)}?utm_source=social`,
      `${PUBLIC_PATHS.thread(SLUG)}?cursor=abc&limit=50`,
    ]) {
      expect(
        published.some((pattern) => covers(pattern, path)),
        path,
      ).toBe(true);
    }
    for (const path of published) expect(path.indexOf('*')).toBeLessThanOrEqual(path.length - 1);
    const purging = (
      [
        'ArticlePublished',
        'ArticleUnpublished',
        'CommentPosted',
        'CommentApproved',
        'CommentRejected',
        'FrontUpdated',
        'LiveEntryPosted',
        'LiveEntryUpdated',
        'LiveEntryRemoved',
        'SectionChanged',
        'TagChanged',
        'AuthorChanged',
        'SiteSettingsChanged',
        'ArticlesRelabelled',
      ] as const
    ).filter(
      (type) =>
        purgePaths(type === 'FrontUpdated' ? { type, detail: { name: 'home', version: 1 } } : event(type, 1))
          .length > 0,
    );
    expect([...PURGE_EVENT_TYPES].sort()).toEqual(purging.sort());
  });
});

/**
 * CloudFront's CreateInvalidation, answered by a local server: busy (TooManyInvalidationsInProgress,
 * which cannot be produced on demand for real) the first `busy` times, then 201.
 */
let server: Server;
let client: CloudFrontClient;
let busy = 0;
const received: { url: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += String(chunk);
    });
    req.on('end', () => {
      received.push({ url: req.url ?? '', body });
      if (busy > 0) {
        busy -= 1;
        res.writeHead(400, { 'content-type': 'text/xml', 'x-amzn-requestid': 'unit' });
        res.end(
          '<?xml version="1.0"?><ErrorResponse xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Error><Type>Sender</Type><Code>TooManyInvalidationsInProgress</Code><Message>Busy</Message></Error><RequestId>unit</RequestId></ErrorResponse>',
        );
        return;
      }
      res.writeHead(201, { 'content-type': 'text/xml', 'x-amzn-requestid': 'unit' });
      res.end(
        '<?xml version="1.0"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I123</Id><Status>InProgress</Status><CreateTime>2026-11-01T09:00:00Z</CreateTime></Invalidation>',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new CloudFrontClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'unit', secretAccessKey: 'unit' },
  });
});
afterAll(() => {
  client?.destroy();
  server?.close();
});
beforeEach(() => {
  received.length = 0;
  busy = 0;
});

describe('the purge', () => {
  const waits: number[] = [];
  const purge = () => createCdnPurge('EDIST1', client, async (ms) => void waits.push(ms));
  const published = { type: 'ArticlePublished' as const, detail: { id: 'A1', slug: SLUG, version: 4 } };

  it('sends one invalidation with the paths, named by the event so a redelivery is not billed twice', async () => {
    const result = await purge()(published);
    expect(result).toEqual({ paths: purgePaths(published), invalidationId: 'I123' });
    expect(received).toHaveLength(1);
    expect(received[0]?.url).toMatch(/\/distribution\/EDIST1\/invalidation$/);
    expect(received[0]?.body).toContain('<CallerReference>ArticlePublished/A1/4</CallerReference>');
    expect(received[0]?.body).toContain('<Quantity>6</Quantity>');
  });

  it('names two changes of a record re-created under its slug apart (both are version 1)', async () => {
    const section = (at: string) => ({
      type: 'SectionChanged' as const,
      detail: { id: 'city', slug: 'city', version: 1, at },
    });
    await purge()(section('2026-12-01T09:00:00.000Z'));
    // Delivered again: the same reference, so CloudFront answers with its first invalidation.
    await purge()(section('2026-12-01T09:00:00.000Z'));
    // Deleted and created again: a new reference, so it is purged again.
    await purge()(section('2026-12-07T18:30:00.000Z'));
    const references = received.map((r) => /<CallerReference>([^<]*)</.exec(r.body)?.[1]);
    expect(references).toEqual([
      'SectionChanged/city/1/2026-12-01T09:00:00.000Z',
      'SectionChanged/city/1/2026-12-01T09:00:00.000Z',
      'SectionChanged/city/1/2026-12-07T18:30:00.000Z',
    ]);
  });

  it('calls nothing for an event that changed nothing public', async () => {
    const result = await purge()({ type: 'CommentRejected', detail: { id: 'C1', slug: SLUG, version: 0 } });
    expect(result).toEqual({ paths: [] });
    expect(received).toHaveLength(0);
  });

  it('waits out a busy CloudFront a few times, then throws so Lambda retries and dead-letters', async () => {
    waits.length = 0;
    busy = 2;
    expect((await purge()(published)).invalidationId).toBe('I123');
    expect(waits).toEqual([500, 1_500]);
    busy = 10;
    await expect(purge()(published)).rejects.toMatchObject({ name: 'TooManyInvalidationsInProgress' });
    expect(received).toHaveLength(3 + 4);
  });
});

describe('live coverage', () => {
  it('purges the article and everything under it (entries, lists, permalinks) on each entry change', () => {
    for (const type of ['LiveEntryPosted', 'LiveEntryUpdated', 'LiveEntryRemoved'] as const) {
      expect(purgePaths({ type, detail: { slug: 'storm-live', version: 2 } })).toEqual([
        '/v1/articles/storm-live*',
      ]);
    }
  });
});

describe('record edits', () => {
  const covers = (pattern: string, path: string) =>
    pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
  const purged = (type: CmsEventType, slug?: string) =>
    purgePaths({ type, detail: { ...(slug ? { slug } : {}), version: 2 } });

  it('a section or tag: its tree, its page and an old slug (one wildcard); articles wait for the relabel', () => {
    expect(purged('SectionChanged', 'harbour')).toEqual(['/v1/sections*']);
    expect(purged('TagChanged', 'ferries')).toEqual(['/v1/tags*']);
    for (const path of ['/v1/sections', '/v1/sections/harbour', '/v1/sections/old-harbour']) {
      expect(covers('/v1/sections*', path), path).toBe(true);
    }
  });

  it("an author: the profile and every page of their stories, nobody else's", () => {
    const paths = purged('AuthorChanged', 'maren-holloway');
    expect(paths).toEqual(['/v1/authors/maren-holloway*']);
    for (const path of ['/v1/authors/maren-holloway', '/v1/authors/maren-holloway/articles?cursor=x']) {
      expect(
        paths.some((p) => covers(p, path)),
        path,
      ).toBe(true);
    }
  });

  it('the site settings: one wildcard over every public answer, not a path per article', () => {
    const paths = purged('SiteSettingsChanged');
    expect(paths).toEqual(['/v1/*']);
    for (const path of [
      `/v1/articles/${SLUG}`,
      '/v1/feeds/rss?section=city',
      '/v1/sitemaps/news.xml',
      '/v1/authors/maren-holloway',
      '/v1/fronts/home',
    ]) {
      expect(covers('/v1/*', path), path).toBe(true);
    }
  });

  it('a rename reaching the stored articles: every article, list, search page, feed, sitemap and story list', () => {
    const paths = purged('ArticlesRelabelled');
    expect(paths).toEqual(['/v1/articles*', '/v1/search*', '/v1/feeds*', '/v1/sitemaps*', '/v1/authors*']);
    for (const path of [
      `/v1/articles/${SLUG}`,
      '/v1/articles?section=docks',
      '/v1/feeds/atom?section=docks',
      '/v1/sitemaps/2026-12.xml',
      '/v1/authors/maren-holloway/articles',
    ]) {
      expect(
        paths.some((p) => covers(p, path)),
        path,
      ).toBe(true);
    }
  });
});
