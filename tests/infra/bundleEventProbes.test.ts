import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { marshall } from '@aws-sdk/util-dynamodb';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../shared/env.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { commentKeys } from '../../shared/store/commentKeys.ts';
import { keys } from '../../shared/store/keys.ts';
import { MediaStore } from '../../shared/store/mediaStore.ts';
import {
  type Probe,
  type ProbedBy,
  type ProbeHarness,
  runBundles,
  startProbeHarness,
} from './bundleHarness.ts';

// The functions another service invokes (Cognito, the scheduler, S3, the table streams, the bus),
// each bundle loaded in a fresh process and sent the event that service delivers
// (tests/infra/bundleHarness.ts).

// ---------------------------------------------------------------------------------------------
// Stream records as Lambda delivers them to the outbox relay, and a stand-in for EventBridge that
// refuses CommentApproved entries (a refusal cannot be produced for real without AWS).

const SNAPSHOT = {
  ...keys.liveSnapshot('bundle-story'),
  id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  slug: 'bundle-story',
  section: 'city',
  title: 'Bundle story',
  standfirst: '',
  body: [{ type: 'paragraph', text: 'Words the relay indexes.' }],
  tags: [],
  byline: '',
  source: null,
  seo: { noindex: false },
  leadImage: null,
  version: 4,
  publishedAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
  commentsEnabled: false,
  commentCount: 0,
  featuredCount: 0,
  commentsCloseAt: null,
  corrections: [],
};
const COMMENT = {
  ...commentKeys.comment('01ARZ3NDEKTSV4RRFFQ69G5FAW'),
  id: '01ARZ3NDEKTSV4RRFFQ69G5FAW',
  articleId: SNAPSHOT.id,
  articleSlug: SNAPSHOT.slug,
  status: 'pending',
  createdAt: '2026-11-01T10:00:00.000Z',
  moderation: [],
};

function streamRecord(
  sequence: string,
  eventName: string,
  oldItem: Record<string, unknown> | undefined,
  newItem: Record<string, unknown> | undefined,
) {
  return {
    eventID: `bundle-${sequence}`,
    eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: {
      ApproximateCreationDateTime: 1_790_000_000,
      SequenceNumber: sequence,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
      ...(oldItem ? { OldImage: marshall(oldItem) } : {}),
      ...(newItem ? { NewImage: marshall(newItem) } : {}),
    },
  };
}

/** Every PutEvents call the relay bundle made, its entries as sent. */
const putEvents: { DetailType: string; Detail: string; Source: string; EventBusName: string }[][] = [];
let eventBridge: Server;

function startFakeEventBridge(): Promise<string> {
  eventBridge = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += String(chunk);
    });
    req.on('end', () => {
      const { Entries } = JSON.parse(body) as { Entries: (typeof putEvents)[number] };
      putEvents.push(Entries);
      const results = Entries.map((e, i) =>
        e.DetailType === 'CommentApproved'
          ? { ErrorCode: 'InternalFailure', ErrorMessage: 'refused by the test' }
          : { EventId: `event-${i}` },
      );
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'bundle-test' });
      res.end(
        JSON.stringify({
          FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length,
          Entries: results,
        }),
      );
    });
  });
  return new Promise((resolve) =>
    eventBridge.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(eventBridge.address() as AddressInfo).port}`),
    ),
  );
}

/**
 * A stand-in for CloudFront's CreateInvalidation (REST and XML, as the bundled client speaks it):
 * records each request's distribution, caller reference and paths, and answers 201 as CloudFront
 * does. No emulator of CloudFront runs here.
 */
const invalidations: { distribution: string; reference: string; paths: string[] }[] = [];
let cloudFront: Server;

function startFakeCloudFront(): Promise<string> {
  cloudFront = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += String(chunk);
    });
    req.on('end', () => {
      const distribution = /\/distribution\/([^/]+)\/invalidation$/.exec(req.url ?? '')?.[1] ?? '';
      const reference = /<CallerReference>([^<]*)<\/CallerReference>/.exec(body)?.[1] ?? '';
      const paths = [...body.matchAll(/<Path>([^<]*)<\/Path>/g)].map((m) => m[1] ?? '');
      invalidations.push({ distribution, reference, paths });
      res.writeHead(201, {
        'content-type': 'text/xml',
        location: `https://cloudfront.amazonaws.com/2020-05-31/distribution/${distribution}/invalidation/IBUNDLE1`,
        'x-amzn-requestid': 'bundle-test',
      });
      res.end(
        `<?xml version="1.0"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>IBUNDLE1</Id><Status>InProgress</Status><CreateTime>2026-11-01T09:00:00Z</CreateTime><InvalidationBatch>${body.replace(/^.*<InvalidationBatch[^>]*>|<\/InvalidationBatch>.*$/gs, '')}</InvalidationBatch></Invalidation>`,
      );
    });
  });
  return new Promise((resolve) =>
    cloudFront.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(cloudFront.address() as AddressInfo).port}`),
    ),
  );
}

/** The rendition function's probe: a pending record and its upload, as files (MEDIA_LOCAL_DIR). */
const MEDIA_ID = '01KAX5D8N3E6G9J2K5M7P0Q4RS';
let mediaDir = '';

/** What to send each function, and what a working bundle answers. */
const PROBES: Record<ProbedBy<'events'>, Probe[]> = {
  adminMfaGate: [
    {
      name: "Cognito's token trigger lets a non-admin's sign-in through unchanged, with no call",
      event: {
        raw: {
          version: '1',
          triggerSource: 'TokenGeneration_Authentication',
          region: 'eu-west-1',
          userPoolId: 'eu-west-1_bundle',
          userName: 'bundle-editor',
          callerContext: { awsSdkVersion: 'bundle-test', clientId: 'bundle-test' },
          request: {
            userAttributes: { sub: 'bundle-editor' },
            groupConfiguration: { groupsToOverride: ['editor'] },
          },
          response: { claimsOverrideDetails: null },
        },
      },
      check: (reply) => {
        expect(reply.body).toMatchObject({
          userName: 'bundle-editor',
          response: { claimsOverrideDetails: null },
        });
      },
    },
  ],
  scheduledPublish: [
    {
      name: 'a trigger for an article that does not exist is skipped, reading the table',
      event: { raw: { articleId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', version: 3 } },
      check: (reply) => {
        expect(reply.body).toMatchObject({ outcome: 'skipped', reason: 'the article no longer exists' });
      },
    },
  ],
  mediaProcess: [
    {
      name: "an upload's notification: the record is completed from the file, renditions written",
      event: {
        raw: {
          Records: [
            {
              eventSource: 'aws:s3',
              eventName: 'ObjectCreated:Post',
              s3: {
                bucket: { name: 'bundle-test-media' },
                object: { key: `media/incoming/${MEDIA_ID}`, size: 1 },
              },
            },
          ],
        },
      },
      check: () => {
        // Under the digest of the original's bytes; the upload itself is gone once handled.
        const [digest] = readdirSync(join(mediaDir, 'media', 'renditions', MEDIA_ID));
        expect(readdirSync(join(mediaDir, 'media', 'renditions', MEDIA_ID, digest ?? '')).sort()).toEqual([
          '320.webp',
          '640.webp',
          '900.webp',
          // The named crops, cut around the focal point (docs/crops.md).
          'crops',
        ]);
        expect(existsSync(join(mediaDir, 'media', 'originals', MEDIA_ID, digest ?? ''))).toBe(true);
        expect(existsSync(join(mediaDir, 'media', 'incoming', MEDIA_ID))).toBe(false);
      },
    },
  ],
  eventRelay: [
    {
      name: 'a batch of stream records: events of the snapshot and the comment, nothing for the count; the refused one reported',
      event: {
        raw: {
          Records: [
            streamRecord('1', 'MODIFY', { ...SNAPSHOT, commentCount: 1 }, { ...SNAPSHOT, commentCount: 2 }),
            streamRecord('2', 'INSERT', undefined, { ...SNAPSHOT, version: 5 }),
            streamRecord('3', 'MODIFY', COMMENT, {
              ...COMMENT,
              status: 'approved',
              moderation: [{ at: '2026-11-01T11:00:00.000Z', from: 'pending', to: 'approved' }],
            }),
          ],
        },
      },
      check: (reply) => {
        // The fake EventBridge refuses every CommentApproved entry: its record is to be retried.
        expect(reply.body).toEqual({ batchItemFailures: [{ itemIdentifier: '3' }] });
        expect(putEvents.map((entries) => entries.map((e) => e.DetailType))).toEqual([
          ['ArticlePublished', 'CommentApproved'],
        ]);
        const [published] = putEvents[0] ?? [];
        expect(published).toMatchObject({ Source: 'newsroom-cms', EventBusName: 'bundle-test-bus' });
        expect(JSON.parse(published?.Detail ?? '{}')).toMatchObject({ slug: SNAPSHOT.slug, version: 5 });
      },
    },
  ],
  cdnPurge: [
    {
      name: 'ArticlePublished from the bus: one invalidation of the article, its thread and the lists',
      event: {
        raw: {
          version: '0',
          id: 'bundle-event-1',
          'detail-type': 'ArticlePublished',
          source: 'newsroom-cms',
          account: '123456789012',
          time: '2026-11-01T09:00:00Z',
          region: 'eu-west-1',
          resources: [],
          detail: {
            id: SNAPSHOT.id,
            slug: SNAPSHOT.slug,
            section: 'city',
            version: 5,
            at: '2026-11-01T09:00:00Z',
          },
        },
      },
      check: (reply) => {
        const paths = [
          `/v1/articles/${SNAPSHOT.slug}*`,
          '/v1/articles',
          '/v1/articles?*',
          '/v1/feeds*',
          '/v1/sitemaps*',
          '/v1/authors*',
        ];
        expect(reply.body).toEqual({ paths, invalidationId: 'IBUNDLE1' });
        expect(invalidations).toEqual([
          {
            distribution: 'EBUNDLETEST',
            reference: `ArticlePublished/${SNAPSHOT.id}/5/2026-11-01T09:00:00Z`,
            paths,
          },
        ]);
      },
    },
  ],
};

// The run's synth with bundling, as the file loads, where no test's timeout runs.
const { bundles } = await runBundles();
let harness: ProbeHarness;
/** What a function's process gets besides the template's variables: where "AWS" is. */
const EXTRA_ENV: Partial<Record<ProbedBy<'events'>, Record<string, string>>> = {};

beforeAll(async () => {
  harness = await startProbeHarness(bundles);
  // The SDK's per-service endpoint variable: the relay's PutEvents go to the stand-in.
  EXTRA_ENV.eventRelay = { AWS_ENDPOINT_URL_EVENTBRIDGE: await startFakeEventBridge() };
  EXTRA_ENV.cdnPurge = { AWS_ENDPOINT_URL_CLOUDFRONT: await startFakeCloudFront() };
  // A pending record and its upload (a 900x600 PNG), for the rendition function's probe.
  const { testEnv } = harness;
  const db = createDocumentClient(testEnv.endpoint);
  await new MediaStore(db, testEnv.contentTable).create({
    id: MEDIA_ID,
    status: 'pending',
    type: null,
    width: null,
    height: null,
    bytes: null,
    alt: 'A test card',
    caption: null,
    credit: null,
    licence: null,
    fileName: null,
    uploadedBy: 'bundle-test',
    // Now: a record registered longer ago than MEDIA_LIMITS.pendingSeconds reads as failed.
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    version: 1,
    original: null,
    renditions: [],
    failure: null,
    focalPoint: { x: 0.5, y: 0.5 },
    crops: [],
    cropsFor: null,
  });
  db.destroy();
  mediaDir = join(harness.dir, 'media-objects');
  mkdirSync(join(mediaDir, 'media', 'incoming'), { recursive: true });
  writeFileSync(
    join(mediaDir, 'media', 'incoming', MEDIA_ID),
    await sharp({ create: { width: 900, height: 600, channels: 3, background: '#3366aa' } })
      .png()
      .toBuffer(),
  );
  EXTRA_ENV.mediaProcess = { [ENV.mediaLocalDir]: mediaDir };
});

afterAll(() => {
  eventBridge?.close();
  cloudFront?.close();
  harness?.close();
});

describe('synthesized bundles', () => {
  it.each(Object.keys(PROBES) as ProbedBy<'events'>[])(
    '%s: loads in a fresh process and answers its probes',
    (name) => harness.probe(name, PROBES[name], EXTRA_ENV[name]),
    60_000,
  );

  it('mediaProcess: the record the probe completed is ready, with what the file says', async () => {
    const { testEnv } = harness;
    const db = createDocumentClient(testEnv.endpoint);
    const record = await new MediaStore(db, testEnv.contentTable).get(MEDIA_ID);
    db.destroy();
    expect(record).toMatchObject({ status: 'ready', type: 'image/png', width: 900, height: 600 });
    expect(record?.renditions.map((r) => r.width)).toEqual([320, 640, 900]);
  });
});
