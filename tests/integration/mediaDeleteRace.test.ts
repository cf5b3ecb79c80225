import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../shared/auth/principal.ts';
import { systemClock, ulidFactory } from '../../shared/clock.ts';
import { ENV } from '../../shared/env.ts';
import { ConflictError } from '../../shared/errors.ts';
import { problemResponse } from '../../shared/http/problem.ts';
import { pollingSchedules } from '../../shared/integrations/schedules.ts';
import type { Media } from '../../shared/schemas/media.ts';
import { DynamoSearchIndex } from '../../shared/search/dynamoSearchIndex.ts';
import { createNewsroom } from '../../shared/services/articles/index.ts';
import { createAuthors } from '../../shared/services/authors/index.ts';
import { createLibrary } from '../../shared/services/media/library.ts';
import { folderStorage } from '../../shared/services/media/storage.ts';
import { ArticleStore } from '../../shared/store/articleStore.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { mediaKeys } from '../../shared/store/mediaKeys.ts';
import { DELETE_MARK_SECONDS } from '../../shared/store/mediaStore.ts';
import { createTestEnv, type TestEnv } from '../support/env.ts';

/*
 * Deleting an image while an article starts to use it, on DynamoDB Local. The two requests are
 * driven step by step in the orders that used to lose (an article left referring to a deleted
 * image): each side runs on its own document client, and a middleware on one of them runs the
 * other side's whole request at the exact point between two of its DynamoDB calls. Nothing is
 * mocked: every read and write goes to the real tables.
 */

let env: TestEnv;
let mediaDir: string;
/** The deletion's client: after it reads an image's usage records, runs `afterUsageRead`. */
let deleteDb: ReturnType<typeof createDocumentClient>;
/** The article writes' client: after they read the images they refer to, runs `afterImagesRead`. */
let articleDb: ReturnType<typeof createDocumentClient>;
let afterUsageRead: (() => Promise<void>) | undefined;
let afterImagesRead: (() => Promise<void>) | undefined;
let newsroom: ReturnType<typeof createNewsroom>;
let library: ReturnType<typeof createLibrary>;
let articles: ArticleStore;

const author: Principal = { sub: 'writer', roles: new Set(['author']) };
const desk: Principal = { sub: 'desk', roles: new Set(['editor']) };
const body = [{ type: 'paragraph' as const, text: [{ text: 'A paragraph.', marks: [] }] }];
const newId = ulidFactory();

/** Runs `hook` once, after the command that `matches` answered. */
function pauseAfter(
  db: ReturnType<typeof createDocumentClient>,
  name: string,
  matches: (commandName: string, input: Record<string, unknown>) => boolean,
  take: () => (() => Promise<void>) | undefined,
) {
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (matches(context.commandName ?? '', args.input as Record<string, unknown>)) await take()?.();
      return result;
    },
    { step: 'initialize', name },
  );
}

beforeAll(async () => {
  env = await createTestEnv();
  mediaDir = mkdtempSync(join(tmpdir(), 'media-race-'));
  deleteDb = createDocumentClient(env.endpoint);
  articleDb = createDocumentClient(env.endpoint);
  pauseAfter(
    deleteDb,
    'afterUsageRead',
    (command, input) =>
      command === 'QueryCommand' &&
      String((input.ExpressionAttributeValues as Record<string, unknown>)[':pk']).startsWith('MEDIAUSE#'),
    () => {
      const hook = afterUsageRead;
      afterUsageRead = undefined;
      return hook;
    },
  );
  pauseAfter(
    articleDb,
    'afterImagesRead',
    (command, input) =>
      command === 'BatchGetItemCommand' &&
      JSON.stringify(input.RequestItems ?? {}).includes(mediaKeys.mediaPartition),
    () => {
      const hook = afterImagesRead;
      afterImagesRead = undefined;
      return hook;
    },
  );
  articles = new ArticleStore(articleDb, env.contentTable, env.commentsTable);
  newsroom = createNewsroom({
    closeAfterDays: async () => null,
    store: articles,
    clock: systemClock,
    newId,
    schedules: pollingSchedules,
  });
  library = createLibrary({
    store: new ArticleStore(deleteDb, env.contentTable, env.commentsTable),
    storage: folderStorage(mediaDir),
    signer: {
      sign: () => Promise.reject(new Error('no uploads in this test')),
    },
    clock: systemClock,
    newId,
    search: new DynamoSearchIndex(deleteDb, env.vars[ENV.searchTable] ?? ''),
  });
});
afterAll(() => {
  deleteDb?.destroy();
  articleDb?.destroy();
  if (mediaDir) rmSync(mediaDir, { recursive: true, force: true });
});
beforeEach(() => {
  afterUsageRead = undefined;
  afterImagesRead = undefined;
});

/** A ready image record, as the rendition function leaves it. */
async function readyImage(alt: string): Promise<Media> {
  const now = new Date();
  const id = newId(now);
  const media: Media = {
    id,
    status: 'ready',
    type: 'image/jpeg',
    width: 800,
    height: 600,
    bytes: 12_345,
    alt,
    caption: null,
    credit: null,
    licence: null,
    fileName: null,
    uploadedBy: 'writer',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 2,
    original: `/media/originals/${id}`,
    renditions: [
      {
        width: 320,
        height: 240,
        key: `media/renditions/${id}/320.webp`,
        url: `/media/renditions/${id}/320.webp`,
      },
    ],
    failure: null,
    focalPoint: { x: 0.5, y: 0.5 },
    crops: [],
    cropsFor: null,
  };
  await articles.media.create(media);
  return media;
}

const draft = (title: string) => newsroom.create(author, { title, section: 'city', body });

const mediaRecord = async (id: string) =>
  (
    await deleteDb.send(
      new GetCommand({ TableName: env.contentTable, Key: mediaKeys.media(id), ConsistentRead: true }),
    )
  ).Item;

async function usageOf(mediaId: string): Promise<string[]> {
  const page = await deleteDb.send(
    new QueryCommand({
      TableName: env.contentTable,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': mediaKeys.mediaUsePartition(mediaId) },
      ConsistentRead: true,
    }),
  );
  return (page.Items ?? []).map((item) => String(item.articleId));
}

/** The refusal as the API answers it. */
async function answered(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConflictError);
  const response = problemResponse(error, 'test-request');
  return { status: response.statusCode, body: JSON.parse(response.body ?? '{}') };
}

describe('deleting an image while an article starts to use it', () => {
  it('a save between the deletion’s usage check and its delete fails with 409 naming the field', async () => {
    const image = await readyImage('The quay at dawn');
    const article = await draft('Quay repairs finish early');
    let save: { status: number; body: { errors?: { path: string; message: string }[] } } | undefined;
    // Used to lose: the deletion had read "no users"; this save then committed, and the deletion
    // removed an image the article now referred to.
    afterUsageRead = async () => {
      save = await answered(
        newsroom.patch(author, article.id, article.version, { leadImage: { mediaId: image.id } }),
      );
    };
    await library.remove(desk, image.id, undefined);
    expect(save?.status).toBe(409);
    expect(save?.body.errors).toEqual([
      { path: 'leadImage.mediaId', message: `image ${image.id} was deleted or is being deleted` },
    ]);
    // The image is gone, and nothing refers to it: the article is as it was.
    expect(await mediaRecord(image.id)).toBeUndefined();
    const after = await newsroom.get(author, article.id);
    expect(after.version).toBe(article.version);
    expect(after.leadImage).toBeNull();
    expect(await usageOf(image.id)).toEqual([]);
  });

  it('a save that read the image before a whole deletion ran cannot commit it (409)', async () => {
    const image = await readyImage('Nets drying on the harbour wall');
    const article = await draft('Net makers keep an old trade');
    // Used to lose: the save had found the image ready; the deletion then ran to the end (no
    // users yet), and the save committed its reference to a deleted image.
    afterImagesRead = () => library.remove(desk, image.id, undefined);
    const save = await answered(
      newsroom.patch(author, article.id, article.version, {
        body: [...body, { type: 'image', mediaId: image.id, src: '', alt: '' }],
      }),
    );
    expect(save.status).toBe(409);
    expect(save.body.errors).toEqual([
      { path: 'body.1.mediaId', message: `image ${image.id} was deleted or is being deleted` },
    ]);
    expect(await mediaRecord(image.id)).toBeUndefined();
    const after = await newsroom.get(author, article.id);
    expect(after.body).toHaveLength(1);
  });

  it('a save committed before the deletion’s mark makes the deletion refuse, and takes its mark back', async () => {
    const image = await readyImage('Harbour master’s office');
    const article = await draft('Harbour master retires');
    // The save reads the image, then a deletion starts and gets as far as its usage check.
    await newsroom.patch(author, article.id, article.version, { leadImage: { mediaId: image.id } });
    const refused = await answered(library.remove(desk, image.id, undefined));
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('Harbour master retires');
    const record = await mediaRecord(image.id);
    expect(record?.deletingAt).toBeUndefined();
    // Not held: another article may use it straight away.
    const other = await draft('Harbour office to become a museum');
    const saved = await newsroom.patch(author, other.id, other.version, { leadImage: { mediaId: image.id } });
    expect(saved.leadImage).toEqual({ mediaId: image.id });
    expect((await usageOf(image.id)).sort()).toEqual([article.id, other.id].sort());
  });

  it('a deletion that died half-way holds the image only for a while', async () => {
    const image = await readyImage('Lifeboat station');
    const article = await draft('Lifeboat crew honoured');
    const mark = async (secondsAgo: number) =>
      deleteDb.send(
        new UpdateCommand({
          TableName: env.contentTable,
          Key: mediaKeys.media(image.id),
          UpdateExpression: 'SET deletingAt = :at',
          ExpressionAttributeValues: { ':at': new Date(Date.now() - secondsAgo * 1000).toISOString() },
        }),
      );
    await mark(5);
    const held = await answered(
      newsroom.patch(author, article.id, article.version, { leadImage: { mediaId: image.id } }),
    );
    expect(held.status).toBe(409);
    // A second deletion meanwhile is told that one is under way.
    const busy = await answered(library.remove(desk, image.id, undefined));
    expect(busy.body.detail).toMatch(/already being deleted/);
    // Long after the mark, its deletion is taken to have died: the image is usable again.
    await mark(DELETE_MARK_SECONDS + 60);
    const saved = await newsroom.patch(author, article.id, article.version, {
      leadImage: { mediaId: image.id },
    });
    expect(saved.leadImage).toEqual({ mediaId: image.id });
  });
});

describe("deleting an image while an author's profile starts to use it as the photo", () => {
  const authors = () => createAuthors({ store: articles.authors, media: articles.media, clock: systemClock });
  let n = 0;
  const slug = () => `race-author-${++n}-${Date.now().toString(36)}`;

  it('an author saved between the deletion’s mark and its checks is refused (409 on photo.mediaId)', async () => {
    const image = await readyImage('Portrait by the slipway');
    const name = slug();
    let create: { status: number; body: { errors?: { path: string; message: string }[] } } | undefined;
    // The deletion has marked the image and read its article uses; the author's save, having
    // found the image ready, now tries to commit it as the photo.
    afterUsageRead = async () => {
      create = await answered(
        authors().create(desk, { slug: name, name: 'Ines Roe', photo: { mediaId: image.id } }),
      );
    };
    await library.remove(desk, image.id, undefined);
    expect(create?.status).toBe(409);
    expect(create?.body.errors).toEqual([{ path: 'photo.mediaId', message: 'choose another image' }]);
    // The image is gone and no author record refers to it.
    expect(await mediaRecord(image.id)).toBeUndefined();
    expect(await articles.authors.get(name, true)).toBeNull();
  });

  it('an author saved before the deletion makes it refuse, naming the author, and takes its mark back', async () => {
    const image = await readyImage('Portrait on the ferry');
    const name = slug();
    await authors().create(desk, { slug: name, name: 'Tomas Hale', photo: { mediaId: image.id } });
    const refused = await answered(library.remove(desk, image.id, undefined));
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toEqual([{ path: `authors.${name}`, message: 'Tomas Hale' }]);
    expect((await mediaRecord(image.id))?.deletingAt).toBeUndefined();
  });
});
