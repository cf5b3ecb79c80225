import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FUNCTION_ACCESS } from '../../infra/constructs/functions.ts';
import type { FunctionName } from '../../shared/http/routes.ts';
import { type Bundle, FUNCTION_NAMES, runBundles } from './bundleHarness.ts';

// Each bundle as `cdk deploy` would upload it: one minified file, within its budget, no zod locale
// but English, no full zod (tests/infra/bundleHarness.ts).

/** Bundle size budgets in bytes (index.mjs as synthesized). */
const SIZE_BUDGETS: Record<FunctionName, number> = {
  // Budgets moved after the threads, media and CDN merges (sorted threads, featured and replies
  // listings, media resolved at publish): each a few KB over, measured 2026-11-28.
  // +1 KB: a thread's first page reads its liveness from its own Query (thread headers); then
  // +2.5 KB where the comment store goes (placeholders of removed comments, the reply's parent read).
  // +0.5 KB: list entries carry the lead image (ListImage).
  // zod's English messages (shared/schemas/messages.ts, +3 KB) so a bad query reads as it does
  // locally, and the thread state item: 442 KB measured 2026-11-28, budget +2%.
  // +11 KB: readers' search (the analyzer with the English stemmer and stop words, the index's
  // query, excerpts): 462 KB measured 2026-12-07, budget +2%.
  // +23 KB: RSS and Atom feeds, sitemaps, the article's jsonLd and the site settings they link with
  // (builders, the feed and sitemap reader, gzip of entries): 485 KB measured 2026-12-07, budget +2%.
  // +57 KB measured 2026-12-07 (551,964 bytes) after the site and live-news merges
  // (authors, sections and tags, crops, access, fronts, live coverage, slugs), budget +2%.
  publicRead: 563_000,
  // The media library's S3 client and presigned POST (+175 KB), since 2026-11-28 loaded on first use
  // (shared/wiring/mediaLibrary.ts): esbuild cannot drop unused exports of a module reached by
  // import(), so all of the S3 client's commands stay (+35 KB), but none is evaluated at start.
  // Its schemas in zod/mini since 2026-11-28: 769 -> 706 KB (zod 100 -> 39 KB), budget +5%.
  // +2 KB: the preview settings; +4 KB: the desk's routes, schemas and service (autosaves, presence);
  // +2.6 KB: the site settings routes, schema and service; budget 780 KB after the three merged
  // 2026-12-07 (each measured 744-750 KB alone).
  // +1.4 KB 2026-12-07: the fronts' routes, schemas, store and service (issue 26): 781 KB
  // measured, budget 785 KB.
  // +43 KB measured 2026-12-07 (827,402 bytes) after the site and live-news merges
  // (authors, sections and tags, crops, access, fronts, live coverage, slugs), budget +2%.
  editorial: 844_000,
  // zod/mini for what readers and moderators send (shared/schemas/commentSubmit.ts, moderation.ts):
  // no full zod in either, 548 -> 450 KB and 559 -> 469 KB; +3 KB for zod's English messages
  // (shared/schemas/messages.ts), which full zod had brought along.
  // +110 KB for Unicode's confusables table (unhomoglyph's data.json, 6,311 code points), which the
  // comment rules fold text with: 587 and 609 KB measured 2026-12-07, budget +2%.
  // +2 KB 2026-12-07 (the queue's search and the desk's schemas in shared comment modules): 601 KB
  // measured, budget +2%.
  commentSubmit: 613_000,
  // +9 KB for the queues' search (q): the index reader, the analyzer, its stemmer and stop words:
  // 630 KB measured 2026-12-07, budget +2%.
  // +6 KB measured 2026-12-07 (648,233 bytes) after the site and live-news merges
  // (authors, sections and tags, crops, access, fronts, live coverage, slugs), budget +2%.
  moderation: 661_000,
  // 424 KB measured 2026-11-28 with the messages above, budget +2%.
  // +8 KB: the article page renderer (shared/render/) and the images it resolves: 432 KB measured
  // 2026-12-07, budget +2%.
  // +54 KB measured 2026-12-07 (494,366 bytes) after the site and live-news merges
  // (authors, sections and tags, crops, access, fronts, live coverage, slugs), budget +2%.
  preview: 504_000,
  // Serves the committed shared/contract/openapi.json rather than generating it: no zod at all.
  // +2 KB: the search route and its schemas in the document; +4 KB the security release's routes
  // (preview links, HEAD) and descriptions: 183 KB measured 2026-12-07, budget +2%.
  // +2 KB: the preview page and settings; +8 KB: the desk's five routes; +7 KB: the feed, sitemap
  // and site settings routes and schemas, all in the document: 219 KB measured 2026-12-07 after
  // all three, budget +2%. Then the routes and schemas of fronts (ten routes), sections and tags
  // (twelve), live coverage, authors and crops' components (FocalPoint, Crop, PublicCrop,
  // PlacementCrops, LeadImageRef) in the document: measured 2026-12-07, budget +2%.
  // +87 KB measured 2026-12-07 (331,848 bytes) after the site and live-news merges
  // (authors, sections and tags, crops, access, fronts, live coverage, slugs), budget +2%.
  docs: 338_000,
  // +3 KB: a working copy read from its head and its newest revision (shared/store/workingCopy.ts),
  // 399 KB measured 2026-11-28, budget +2%.
  // +8 KB: an unpublish revokes the article's preview links, and a publish shows the image words
  // the approval pinned: 407 KB measured 2026-12-07, budget +2%.
  // +6 KB: a front's scheduled publish and pin expiry (resolution and its store): 422 KB measured
  // 2026-12-07, budget 426 KB.
  // +61 KB measured 2026-12-07 (486,956 bytes) after the site and live-news merges
  // (authors, sections and tags, crops, access, fronts, live coverage, slugs), budget +2%.
  scheduledPublish: 497_000,
  // The S3 client and the DynamoDB record; sharp itself is installed beside the bundle.
  mediaProcess: 546_000,
  // +18 KB: it keeps the search index (analyzer, index writer, the snapshot and working-copy
  // readers): 404 KB measured 2026-12-07, budget +2%.
  // +2 KB 2026-12-07 (feeds and sitemaps derived from the stream, media and comment search
  // documents): 414 KB measured, budget +2%.
  // +3 KB 2026-12-07: fronts resolved again from the stream (issue 26): 425 KB measured, budget
  // 429 KB.
  // +69 KB measured 2026-12-07 (497,706 bytes) after the site and live-news merges
  // (authors, sections and tags, crops, access, fronts, live coverage, slugs), budget +2%.
  eventRelay: 508_000,
  // The CloudFront client and the path derivation only: no DynamoDB, no zod. Of its 442 KB, 131 KB
  // are the client's schemas and error classes for all of CloudFront's operations (the SDK's
  // schema-based serde keeps them in one module), the rest the SDK core every bundle carries.
  cdnPurge: 465_000,
  adminMfaGate: 336_000,
};

/**
 * ASCII text from zod's Dutch, Italian, German and Polish locales (esbuild escapes the rest):
 * found in a bundle, all 64 locales came along.
 */
const FOREIGN_LOCALE_MARKERS = ['Ongeldige invoer', 'Input non valido', 'erwartet', 'Nieprawid'];

// The run's synth with bundling, as the file loads, where no test's timeout runs.
const { bundles, synthMs } = await runBundles();

describe('synthesized bundles', () => {
  it('synthesizes with bundling', () => {
    console.info(`synth with bundling (or the wait for another file's): ${Math.round(synthMs)} ms`);
    expect(bundles.size).toBe(FUNCTION_NAMES.length);
  });

  it.each(FUNCTION_NAMES)('%s: the bundle is one minified ESM file with its source map', (name) => {
    const bundle = bundles.get(name) as Bundle;
    expect(existsSync(bundle.file)).toBe(true);
    expect(existsSync(`${bundle.file}.map`)).toBe(true);
    console.info(`${name}: index.mjs ${statSync(bundle.file).size} bytes`);
  });

  it.each(FUNCTION_NAMES)('%s: stays within its size budget, with no zod locale but English', (name) => {
    const bundle = bundles.get(name) as Bundle;
    // Bytes as measured after tree-shaking zod (`import * as z`), plus about 5% of headroom: a
    // regression such as a named `{ z }` import (which pulls in every locale, +360 KB) fails here.
    expect(statSync(bundle.file).size).toBeLessThanOrEqual(SIZE_BUDGETS[name]);
    const text = readFileSync(bundle.file, 'utf8');
    for (const marker of FOREIGN_LOCALE_MARKERS) expect(text, marker).not.toContain(marker);
    // Functions that touch no table carry no DynamoDB client.
    if (FUNCTION_ACCESS[name].length === 0 && name !== 'eventRelay') {
      expect(text).not.toContain('DynamoDB_20120810');
    }
    // No function carries full zod (its classes are named "ZodString" and so on, zod/mini's
    // "ZodMiniString"): every schema a function builds is written with zod/mini, which loads and
    // builds in a fraction of the time at a cold start. Only the OpenAPI generator uses full zod.
    expect(text.includes('"ZodString"'), 'full zod').toBe(false);
  });
});
