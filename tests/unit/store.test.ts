import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { ArticleContentSchema, ArticleSchema, PublicArticleSchema } from '../../shared/schemas/article.ts';
import {
  HistoryEntrySchema,
  RevisionSchema,
  RevisionSummarySchema,
} from '../../shared/schemas/articleHistory.ts';
import { PublicArticleSummarySchema } from '../../shared/schemas/articleLists.ts';
import { CommentSettingsSchema, PublicCommentSchema } from '../../shared/schemas/comment.ts';
import { ARTICLE_STATUSES, COMMENT_MODES, REVISION_ACTIONS } from '../../shared/schemas/facts.ts';
import {
  commentIndexValues,
  commentPartitions,
  reportedIndexValues,
} from '../../shared/store/commentKeys.ts';
import { keys, workingIndexValues, workingListPartition } from '../../shared/store/keys.ts';
import { FIELDS, parse, SHAPES } from '../../shared/store/model.ts';
import { COMMENTS_TABLE, CONTENT_TABLE, indexOf } from '../../shared/store/tables.ts';
import { setAll } from '../../shared/store/update.ts';

const sorted = (xs: readonly string[]) => [...xs].sort();

describe('stored shapes', () => {
  it.each([
    ['content', SHAPES.content, ArticleContentSchema],
    ['article', SHAPES.article, ArticleSchema],
    // commentsOpen is worked out when the snapshot is read, from commentsCloseAt and the time; the
    // jsonLd from the snapshot and the site settings.
    [
      'publicArticle',
      SHAPES.publicArticle,
      z.omit(PublicArticleSchema, { commentsOpen: true, jsonLd: true }),
    ],
    ['summary', SHAPES.summary, PublicArticleSummarySchema],
    ['revision', SHAPES.revision, RevisionSchema],
    ['historyEntry', SHAPES.historyEntry, HistoryEntrySchema],
    ['publicComment', SHAPES.publicComment, z.omit(PublicCommentSchema, { removed: true })],
    ['commentSettings', SHAPES.commentSettings, CommentSettingsSchema],
  ] as const)('%s has exactly the fields of its zod schema', (_, shape, schema) => {
    expect(sorted(Object.keys(shape))).toEqual(sorted(Object.keys(schema.shape)));
  });

  it('writes every working field but the counts and the closing time, which the comment side keeps', () => {
    for (const field of FIELDS.commentSide) expect(FIELDS.working).not.toContain(field);
    expect(sorted([...FIELDS.working, ...FIELDS.commentSide])).toEqual(
      sorted(Object.keys(SHAPES.storedArticle)),
    );
  });

  it('reads an item with the defaults older items need, and drops key and index attributes', () => {
    const article = parse.article({
      pk: 'ARTICLE#1',
      sk: 'WORKING',
      gsiStatus: 'draft',
      id: '1',
      slug: 's',
      status: 'draft',
      version: 2,
      section: 'city',
      title: 'T',
      standfirst: '',
      body: [{ type: 'paragraph', text: [{ text: 'x', marks: [] }] }],
      tags: [],
      byline: '',
      commentsEnabled: true,
      createdAt: 'a',
      createdBy: 'u',
      updatedAt: 'b',
      updatedBy: 'u',
      revisionCount: 1,
    });
    expect(article).toMatchObject({ commentCount: 0, publishedAt: null, live: false, source: null });
    expect(article).not.toHaveProperty('pk');
    expect(article).not.toHaveProperty('gsiStatus');
  });

  it('refuses an item whose attribute has the wrong type instead of passing it on', () => {
    expect(() => parse.historyEntry({ at: 'a', actor: 'u', action: 'x', version: '3' })).toThrow(/version/);
    expect(() => parse.comment({ id: 1 })).toThrow(/id/);
  });

  it('keeps an optional field absent when it was never stored', () => {
    const entry = parse.historyEntry({
      at: 'a',
      actor: 'u',
      action: 'edit',
      from: 'draft',
      to: 'draft',
      version: 3,
    });
    expect(Object.keys(entry)).not.toContain('note');
  });
});

describe('keys', () => {
  it('gives a working copy exactly the attributes of the indexes it is in', () => {
    const values = workingIndexValues({
      status: 'draft',
      createdBy: 'u',
      section: 'city',
      unpublishAt: null,
    });
    const keyed = new Set(
      CONTENT_TABLE.indexes
        .flatMap((i) => [i.partitionKey.name, i.sortKey.name])
        .filter((n) => n !== 'updatedAt'),
    );
    expect(sorted(Object.keys(values))).toEqual(sorted([...keyed]));
    // Sparse: no pending unpublish, no entry in byUnpublishAt.
    expect(values.gsiUnpublish).toBeUndefined();
    expect(
      workingIndexValues({ status: 'published', createdBy: 'u', section: 'c', unpublishAt: 'T' }),
    ).toMatchObject({
      gsiUnpublish: 'DUE',
      gsiUnpublishAt: 'T',
    });
  });

  it('lists working copies on the most selective index and filters the rest', () => {
    expect(workingListPartition({ createdBy: 'u', status: 'draft' })).toEqual({
      partition: { index: 'byAuthor', value: 'u' },
      remaining: { status: 'draft', section: undefined },
    });
    expect(workingListPartition({ status: 'draft', section: 'city' })).toMatchObject({
      partition: { index: 'byStatus', value: 'draft' },
    });
    expect(workingListPartition({ section: 'city' })).toMatchObject({
      partition: { index: 'bySection', value: 'city' },
    });
  });

  it('lists every working copy from the status partitions its items are in, one per status', () => {
    const plan = workingListPartition({});
    if (!('merged' in plan)) throw new Error('the unfiltered list is a merge');
    expect(plan.merged.map((p) => p.value)).toEqual([...ARTICLE_STATUSES]);
    for (const status of ARTICLE_STATUSES) {
      const values = workingIndexValues({ status, createdBy: 'u', section: 'c', unpublishAt: null });
      const partition = plan.merged.find((p) => p.value === status);
      const attribute = indexOf(CONTENT_TABLE, partition?.index ?? 'byStatus').partitionKey.name;
      expect(values[attribute as keyof typeof values]).toBe(status);
    }
    // No index holds every working copy in one partition any more.
    expect(CONTENT_TABLE.indexes.map((i) => i.name)).not.toContain('byUpdated');
  });

  it('queries comments under the same values their items carry', () => {
    const comment = {
      id: 'C',
      articleId: 'A',
      articleSlug: 's',
      status: 'approved' as const,
      createdAt: 't',
      parentId: null,
      featured: true,
    };
    const values: Record<string, string | undefined> = {
      ...commentIndexValues(comment),
      ...reportedIndexValues({ ...comment, reportCount: 2 }),
      fingerprint: 'fp',
    };
    const thread = commentPartitions.thread('s');
    expect(values[indexOf(COMMENTS_TABLE, thread.index).partitionKey.name]).toBe(thread.value);
    for (const filter of [{ status: 'approved' as const }, { status: 'approved' as const, articleId: 'A' }]) {
      const queue = commentPartitions.queue(filter);
      expect(values[indexOf(COMMENTS_TABLE, queue.index).partitionKey.name]).toBe(queue.value);
    }
    const reported = commentPartitions.reported;
    expect(values[indexOf(COMMENTS_TABLE, reported.index).partitionKey.name]).toBe(reported.value);
    const byClient = commentPartitions.byClient('fp');
    expect(values[indexOf(COMMENTS_TABLE, byClient.index).partitionKey.name]).toBe(byClient.value);
    // Top-level comments by replies, the featured, and a reply under its parent.
    for (const partition of [commentPartitions.threadByReplies('s'), commentPartitions.featured('s')]) {
      expect(values[indexOf(COMMENTS_TABLE, partition.index).partitionKey.name]).toBe(partition.value);
    }
    const reply = commentIndexValues({ ...comment, id: '2', parentId: '1', featured: false });
    const replies = commentPartitions.replies('s', '1');
    expect(reply[indexOf(COMMENTS_TABLE, replies.index).partitionKey.name as 'gsiArticle']).toBe(
      replies.value,
    );
    expect(reply.gsiTop).toBeUndefined();
    expect(reply.gsiFeatured).toBeUndefined();
    // The public indexes hold approved comments only: a held or rejected one costs them no write.
    for (const status of ['pending', 'rejected'] as const) {
      const held = commentIndexValues({ ...comment, status });
      expect([held.gsiArticle, held.gsiTop, held.gsiFeatured]).toEqual([undefined, undefined, undefined]);
      expect(held.gsiStatus).toBe(status);
    }
    // Held or decided, a comment leaves the reported queue; more reports sort first.
    expect(
      reportedIndexValues({ ...comment, status: 'pending', reportCount: 5 }).gsiReported,
    ).toBeUndefined();
    const rank = (n: number) => reportedIndexValues({ ...comment, reportCount: n }).gsiReportRank ?? '';
    expect(rank(10) > rank(9)).toBe(true);
  });

  it('pads revision and audit numbers so they sort as numbers', () => {
    expect(keys.revision('A', 2).sk < keys.revision('A', 10).sk).toBe(true);
    expect(keys.audit('A', 9).sk < keys.audit('A', 10).sk).toBe(true);
  });

  it('projects only the public comment fields into the public thread index', () => {
    expect(indexOf(COMMENTS_TABLE, 'byArticle').include).toEqual(FIELDS.publicComment);
  });
});

describe('setAll', () => {
  it('appends to a list and conditions on what the caller read', () => {
    const update = setAll(
      { status: 'approved' },
      { append: { moderation: [1] }, expected: { status: 'pending' } },
    );
    expect(update.UpdateExpression).toBe('SET #a0 = :a0, #a1 = list_append(if_not_exists(#a1, :empty), :a1)');
    expect(update.ConditionExpression).toBe('#a2 = :a2');
    expect(update.ExpressionAttributeValues).toMatchObject({
      ':a0': 'approved',
      ':a1': [1],
      ':a2': 'pending',
      ':empty': [],
    });
  });
});

describe('derived field lists', () => {
  it('names as server-owned exactly what an article has beyond its editable content', () => {
    expect(sorted(FIELDS.serverOwned)).toEqual(
      sorted(Object.keys(ArticleSchema.shape).filter((f) => !(f in ArticleContentSchema.shape))),
    );
  });

  it('reads back exactly the enum values the schemas accept', () => {
    expect(CommentSettingsSchema.shape.mode.options).toEqual([...COMMENT_MODES]);
    expect(RevisionSummarySchema.shape.action.options).toEqual([...REVISION_ACTIONS]);
  });

  it('summarizes a revision with the fields of its schema', () => {
    expect(sorted(FIELDS.revisionSummary)).toEqual(sorted(Object.keys(RevisionSummarySchema.shape)));
  });
});
