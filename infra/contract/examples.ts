import type { z } from 'zod';
import { LEAD_STORY_COMMENTS } from '../../seeds/comments.ts';
import { SEED_ARTICLES } from '../../seeds/content.ts';
import { deskChecksOf } from '../../shared/desk/deskChecks.ts';
import { PATH_PARAMS } from '../../shared/http/routes/define.ts';
import {
  type ArticleContent,
  type ArticleCreateSchema,
  type ArticleView,
  type PublicArticle,
  SeoSchema,
} from '../../shared/schemas/article.ts';
import { BodySchema } from '../../shared/schemas/articleBody.ts';
import { eachTextField, inFieldOrder, withoutPrivateText } from '../../shared/schemas/articleFields.ts';
import type { Revision } from '../../shared/schemas/articleHistory.ts';
import type { AdminComment, CommentSettings, PublicComment } from '../../shared/schemas/comment.ts';
import { listImageOf } from '../../shared/schemas/listImage.ts';
import type { SiteSettings } from '../../shared/schemas/site.ts';
import { DEFAULT_SITE_SETTINGS } from '../../shared/schemas/siteDefaults.ts';
import { resolveMedia } from '../../shared/services/media/references.ts';
import { newsArticleJsonLd } from '../../shared/syndication/jsonLd.ts';
import { AUTHOR_EXAMPLES } from './authorExamples.ts';
import { media } from './mediaExamples.ts';

/**
 * One example per request and response schema, drawn from the sample content (the seeded lead story
 * and its thread), so the document reads like the newsroom it serves; ids and times are fixed.
 */
const lead = SEED_ARTICLES[0];
if (!lead) throw new Error('The seeds have no lead story');
const [c1, c2, c3] = LEAD_STORY_COMMENTS;
if (!c1 || !c2 || !c3) throw new Error('The lead story thread is too short for the examples');
const ID = PATH_PARAMS.id.example;
const AT = lead.at;
const SLUG = PATH_PARAMS.slug.example;
const COMMENT_IDS = [
  '01KAX4B8Q2M9W1E3R5T7Y9U0I2',
  '01KAX4C1Z3X5C7V9B1N3M5K7J9',
  '01KAX4D7H9G1F3D5S7A9P1O3I5',
];

/** A short body: enough to show each kind of block without the whole story. */
const bodyInput = lead.content.body.filter((b, i, all) => all.findIndex((x) => x.type === b.type) === i);
/** As a client sends it: plain strings or spans. */
const create: z.input<typeof ArticleCreateSchema> = { ...lead.content, body: bodyInput };
/** As the API answers it: spans everywhere. */
const body = BodySchema.parse(bodyInput);
/** The table's fields: the seeded story's plain text, else the table's example; the rest written here. */
const content: ArticleContent = inFieldOrder({
  ...eachTextField((spec, key) => lead.content[key] ?? spec.example),
  slug: SLUG,
  section: lead.content.section,
  body,
  tags: lead.content.tags ?? [],
  source: lead.content.source ?? null,
  commentsEnabled: true,
  seo: SeoSchema.parse(lead.content.seo ?? {}),
  leadImage: null,
  access: lead.content.access ?? 'free',
  authors: ['maren-holloway'],
});
const article: ArticleView = {
  id: ID,
  ...content,
  status: 'published',
  version: 4,
  commentCount: 17,
  featuredCount: 2,
  commentsCloseAt: '2026-12-24T07:15:00.000Z',
  createdAt: '2026-11-24T02:15:00.000Z',
  createdBy: 'dev-author',
  updatedAt: AT,
  updatedBy: 'dev-editor',
  publishedAt: AT,
  scheduledFor: null,
  unpublishAt: null,
  live: true,
  hasUnpublishedChanges: false,
  corrections: [
    {
      text: 'An earlier version of this article said 16 plane trees would be removed. The papers say 14.',
      at: '2026-11-24T11:40:00.000Z',
      by: 'dev-editor',
    },
  ],
  ...{ liveSlug: content.slug, redirects: [{ from: 'plane-trees-quay', createdAt: AT }] },
  availableActions: ['unpublish'],
  editable: true,
};

const { body: _b, ...summary } = article;
const site: SiteSettings = {
  ...DEFAULT_SITE_SETTINGS,
  baseUrl: 'https://courier.example.org',
  publicationName: 'The Harbour Courier',
  fullBodyInFeeds: true,
  mediaBaseUrl: 'https://cms.courier.example.org',
  updatedAt: '2026-11-20T09:00:00.000Z',
  updatedBy: 'dev-admin',
};
const { jsonLd: _, ...storedPublic } = {
  id: ID,
  ...withoutPrivateText(content),
  ...resolveMedia(content, new Map()),
  publishedAt: AT,
  updatedAt: AT,
  commentCount: 17,
  featuredCount: 2,
  commentsOpen: true,
  commentsCloseAt: article.commentsCloseAt,
  corrections: article.corrections.map(({ text, at }) => ({ text, at })),
  authors: [{ slug: 'maren-holloway', name: 'Maren Holloway', title: 'City hall reporter' }],
  jsonLd: {},
} satisfies PublicArticle;
const publicArticle: PublicArticle = { ...storedPublic, jsonLd: newsArticleJsonLd(site, storedPublic) };
const {
  body: _pb,
  commentCount: _cc,
  featuredCount: _fc,
  commentsOpen: _co,
  commentsCloseAt: _cca,
  commentsEnabled: _ce,
  source: _s,
  corrections: _pc,
  seo: _ps,
  leadImage: _pl,
  jsonLd: _pj,
  ...summaryFields
} = publicArticle;
const publicSummary = { ...summaryFields, leadImage: listImageOf(publicArticle.leadImage) };
const revision: Revision = {
  articleId: ID,
  n: 1,
  version: 1,
  savedAt: article.createdAt,
  savedBy: 'dev-author',
  title: content.title,
  action: 'create',
  content,
};
const { articleId: _r, content: _rc, ...revisionSummary } = revision;
const minutesAfter = (m: number) => new Date(Date.parse(AT) + m * 60_000).toISOString();
const publicComment: PublicComment = {
  id: COMMENT_IDS[2] ?? '',
  parentId: COMMENT_IDS[0] ?? null,
  authorName: c3.authorName,
  body: c3.body,
  createdAt: minutesAfter(c3.minutesAfter),
  replyCount: 0,
  featured: false,
  removed: false,
};
const adminComment: AdminComment = {
  id: COMMENT_IDS[1] ?? '',
  status: 'pending',
  article: { id: ID, slug: SLUG, title: content.title },
  parentId: null,
  depth: 1,
  authorName: c2.authorName,
  authorEmail: c2.authorEmail ?? null,
  body: c2.body,
  createdAt: minutesAfter(c2.minutesAfter),
  flags: ['suspect-term:shill'],
  reasons: [{ rule: 'suspect-term', detail: 'shill' }],
  reportCount: 0,
  reports: { byReason: { spam: 0, abuse: 0, off_topic: 0, other: 0 }, texts: [] },
  featured: false,
  replyCount: 0,
  moderation: [],
  decisions: 0,
};
const settings: CommentSettings = {
  mode: 'pre',
  maxLinks: 2,
  blockedTerms: ['casino'],
  floodSeconds: 30,
  reportThreshold: 3,
  suspectTerms: ['shill'],
  trustAfter: 3,
  closeAfterDays: 30,
};
const logEntry = {
  at: minutesAfter(c2.minutesAfter + 5),
  actor: 'dev-moderator',
  action: 'approve' as const,
  from: 'pending' as const,
  to: 'approved' as const,
  note: 'Fair comment.',
  reasons: [
    { rule: 'suspect-term', detail: 'shill' },
    { rule: 'moderator', detail: 'Fair comment.' },
  ],
};
const ban = {
  id: '01KAX4B2N8Q0V6ZC3W5T7Y9R1M',
  commentId: adminComment.id,
  authorName: adminComment.authorName,
  byEmail: true,
  reason: 'Repeated abuse of other readers',
  until: '2027-01-01T00:00:00.000Z',
  createdAt: AT,
  createdBy: 'dev-moderator',
  revokedAt: null,
  revokedBy: null,
  active: true,
};

/** By component name. Requests first, then responses. */
const previewLink = {
  id: PATH_PARAMS.link.example,
  url: `/v1/preview/${PATH_PARAMS.token.example}`,
  pageUrl: `/v1/preview/${PATH_PARAMS.token.example}/page`,
  frontendUrl: `https://www.harbourcourier.example/preview/${SLUG}?token=${PATH_PARAMS.token.example}`,
  token: PATH_PARAMS.token.example,
  expiresAt: '2026-11-25T07:15:00.000Z',
  createdAt: '2026-11-24T07:15:00.000Z',
  createdBy: 'dev-editor',
};
/** The console sends its fields as JSON text: the server keeps it as it came. */
const autosaveInput = {
  baseVersion: article.version,
  content: JSON.stringify({ title: content.title, standfirst: content.standfirst }),
};
const autosaved = { savedAt: minutesAfter(42), expiresAt: minutesAfter(42 + 30 * 24 * 60) };

export const EXAMPLES: Record<string, unknown> = {
  ...AUTHOR_EXAMPLES,
  ArticleCreate: create,
  ArticlePatch: { standfirst: content.standfirst, tags: content.tags },
  Transition: { action: 'request_changes', note: 'Please add the council response from Thursday.' },
  UnpublishSchedule: { unpublishAt: '2026-12-12T17:00:00Z' },
  PreviewRequest: { expiresInSeconds: 3600 },
  ImportRequest: {
    articles: [
      {
        externalId: 'courier-archive:2019/0412',
        title: 'Ferry crew rescue two from capsized dinghy',
        section: 'city',
        body: [
          { type: 'paragraph', text: 'Two sailors were pulled from the water off Gull Cove on Saturday.' },
        ],
        publishedAt: '2019-04-12T18:05:00+01:00',
        updatedAt: '2019-04-13T09:20:00+01:00',
        legacyCommentCount: 12,
      },
    ],
  },
  CorrectionCreate: { text: article.corrections[0]?.text ?? '' },
  CommentSubmit: { authorName: c2.authorName, authorEmail: c2.authorEmail, body: c2.body },
  Moderation: { action: 'approve', note: 'On topic' },
  ThreadState: { action: 'reopen', closeAt: '2026-12-31T23:00:00Z' },
  ThreadStatus: { articleId: ID, commentsOpen: true, commentsCloseAt: '2026-12-31T23:00:00.000Z' },
  ModerationLog: {
    commentId: adminComment.id,
    status: 'approved',
    featured: true,
    decisions: 2,
    entries: [logEntry, { ...logEntry, action: 'feature', from: 'approved', note: undefined, reasons: [] }],
  },
  BulkModeration: { ids: COMMENT_IDS.slice(0, 2), action: 'approve' },
  Undo: { decisions: 1 },
  QueueCounts: {
    pending: { count: 12, complete: true },
    reported: { count: 3, complete: true },
    spam: { count: 500, complete: false },
  },
  CommentReport: { reason: 'other', text: 'Quotes a private letter in full.' },
  BanCreate: {
    commentId: COMMENT_IDS[1],
    reason: 'Repeated abuse of other readers',
    until: '2027-01-01T00:00:00Z',
  },
  SiteSettings: (({ updatedAt: _u, updatedBy: _by, ...input }) => input)(site),
  SiteSettingsView: site,
  Article: article,
  ArticleSummary: summary,
  PublicArticle: publicArticle,
  PublicArticleSummary: publicSummary,
  SearchHit: {
    ...publicSummary,
    excerpt: [
      { text: '…the ', match: false },
      { text: 'council', match: true },
      { text: ' agreed the repairs on Tuesday…', match: false },
    ],
  },
  Revision: revision,
  RevisionSummary: revisionSummary,
  HistoryEntry: {
    at: AT,
    actor: 'dev-editor',
    action: 'publish',
    from: 'approved',
    to: 'published',
    version: 4,
  },
  PreviewLink: previewLink,
  PreviewLinkList: { items: [previewLink] },
  AutosaveInput: autosaveInput,
  Autosave: { articleId: ID, ...autosaveInput, ...autosaved },
  NewArticleAutosaveInput: { content: autosaveInput.content },
  NewArticleAutosave: { content: autosaveInput.content, ...autosaved },
  PresenceInput: { unsaved: true },
  PresenceList: {
    items: [{ user: 'a3f1c2e4-desk-editor', unsaved: true, seenAt: minutesAfter(43) }],
    heartbeatSeconds: 30,
  },
  PublicComment: publicComment,
  AdminComment: adminComment,
  CommentCreated: { id: adminComment.id, status: 'pending' },
  CommentSettings: settings,
  PreviewSettings: { previewUrl: 'https://www.harbourcourier.example/preview/{slug}?token={token}' },
  ImportResult: {
    results: [
      {
        index: 0,
        externalId: 'courier-archive:2019/0412',
        outcome: 'created',
        status: 201,
        id: ID,
        slug: 'ferry-crew-rescue-two-from-capsized-dinghy',
      },
      {
        index: 1,
        externalId: 'courier-archive:2019/0413',
        outcome: 'invalid',
        status: 422,
        detail: 'This article is not valid; nothing was imported for it.',
        errors: [{ path: 'publishedAt', message: 'must be an ISO 8601 timestamp' }],
      },
    ],
  },
  ReportReceived: { commentId: adminComment.id, reason: 'other' },
  Ban: ban,
  BanCreated: { ...ban, rejected: [adminComment.id] },
  DeskChecks: deskChecksOf(article, media.alt),
  BulkModerationResult: {
    results: [
      { id: adminComment.id, status: 200, comment: { ...adminComment, status: 'approved' } },
      { id: COMMENT_IDS[0], status: 404, detail: `No comment with id ${COMMENT_IDS[0]}.` },
    ],
  },
};
