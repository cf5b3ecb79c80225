import { CORRECTORS } from '../../auth/permissions.ts';
import { ArticleCreateSchema, ArticlePatchSchema } from '../../schemas/article.ts';
import { CorrectionCreateSchema } from '../../schemas/articleCorrections.ts';
import { TransitionSchema, UnpublishScheduleSchema } from '../../schemas/articleHistory.ts';
import { ImportRequestSchema } from '../../schemas/imports.ts';
import { PreviewRequestSchema } from '../../schemas/previewLink.ts';
import { PreviewSettingsSchema } from '../../schemas/previewSettings.ts';
import { AdminListQuerySchema } from '../query.ts';
import { ADMIN, EDITORIAL, type RouteDefinition } from './define.ts';

// biome-ignore format: one route per entry reads as a table
export const EDITORIAL_ROUTES = [
  {
    id: 'createArticle', method: 'POST', path: '/v1/admin/articles', fn: 'editorial', access: EDITORIAL, tag: 'articles',
    summary: 'Create a draft',
    description: 'The slug is derived from the title unless given (a taken derived slug gets -2, -3...; a taken chosen one is a 409). The answer carries the version in ETag: send it back in If-Match on every write.',
    body: ArticleCreateSchema,
    ok: { status: 201, description: 'The new draft', schema: 'Article', headers: ['ETag', 'Location'] },
    problems: [409],
  },
  {
    id: 'listArticles', method: 'GET', path: '/v1/admin/articles', fn: 'editorial', access: EDITORIAL, tag: 'articles',
    summary: 'Working copies, most recently updated first, or found by their words (q)',
    description: 'Filter by status, section and author (createdBy). Authors see only their own articles. With q, a search: every word must be in the headline, standfirst, body, byline, tags, section or source (case and accents folded, English word forms matched, the last word also as a prefix while typed), combined with the filters and from/to (creation date: a day or an ISO timestamp, inclusive); newest first by creation, or sort=relevance (the newest 100 matches ranked). Each item then has an excerpt marking the words found. A search may return a page shorter than limit with a nextCursor: follow it. from, to and sort without q are a 400.',
    query: AdminListQuerySchema, paged: 'ArticleSummary',
    ok: { status: 200, description: 'A page of working copies' },
  },
  {
    id: 'getArticle', method: 'GET', path: '/v1/admin/articles/{id}', fn: 'editorial', access: EDITORIAL, tag: 'articles',
    summary: 'One working copy',
    description: 'With the actions the caller may take now (availableActions) and whether they may edit it.',
    ok: { status: 200, description: 'The working copy', schema: 'Article', headers: ['ETag'] },
  },
  {
    id: 'getArticleChecks', method: 'GET', path: '/v1/admin/articles/{id}/checks', fn: 'editorial', access: EDITORIAL, tag: 'articles',
    summary: 'Word count, reading time and pre-publish warnings',
    description: 'Of the saved version: the body\'s words (paragraphs, headings, quotes, list items), its reading time at wordsPerMinute (230), and what the story lacks before it goes live (warnings, never refusals): a lead image or its alt text (the article\'s or the library\'s), a section, a meta description, a headline of at most 110 characters. The console shows the same list, from the same function.',
    ok: { status: 200, description: 'The figures and warnings', schema: 'DeskChecks' },
  },
  {
    id: 'updateArticle', method: 'PATCH', path: '/v1/admin/articles/{id}', fn: 'editorial', access: EDITORIAL, tag: 'articles',
    summary: 'Change content fields',
    description: 'Allowed in draft, changes_requested and published. Editing a published article moves the working copy to draft; the live snapshot keeps being served until the edit is published. A slug change on an article that has been live takes effect when the edit is published: the old slug then answers 301 to the new one (docs/slugs.md), and stays claimed by this article.',
    body: ArticlePatchSchema, ifMatch: 'required',
    ok: { status: 200, description: 'The updated working copy', schema: 'Article', headers: ['ETag'] },
    problems: [409],
  },
  {
    id: 'deleteArticle', method: 'DELETE', path: '/v1/admin/articles/{id}', fn: 'editorial', access: EDITORIAL, tag: 'articles',
    summary: 'Delete an article that has never been live',
    description: 'An article that has been live cannot be deleted (409): unpublish archives it instead. If-Match is honoured when sent.',
    ifMatch: 'optional',
    ok: { status: 204, description: 'Deleted' },
    problems: [409],
  },
  {
    id: 'transitionArticle', method: 'POST', path: '/v1/admin/articles/{id}/transitions', fn: 'editorial', access: EDITORIAL, tag: 'workflow',
    summary: 'Move an article through the workflow',
    description: 'submit, withdraw, request_changes (note required), approve (not by anyone who wrote the version, admins included), publish, schedule (publishAt in the future), unschedule, unpublish, restore. A transition the status does not allow is a 409; one the caller\'s role does not allow is a 403.',
    body: TransitionSchema, ifMatch: 'required',
    ok: { status: 200, description: 'The article after the transition', schema: 'Article', headers: ['ETag'] },
    problems: [409],
  },
  {
    id: 'listRevisions', method: 'GET', path: '/v1/admin/articles/{id}/revisions', fn: 'editorial', access: EDITORIAL, tag: 'revisions',
    summary: 'Every saved version',
    description: 'Oldest first. Revisions are immutable.',
    paged: 'RevisionSummary',
    ok: { status: 200, description: 'A page of revisions' },
  },
  {
    id: 'getRevision', method: 'GET', path: '/v1/admin/articles/{id}/revisions/{n}', fn: 'editorial', access: EDITORIAL, tag: 'revisions',
    summary: 'One saved version',
    description: 'The content as it was saved.',
    ok: { status: 200, description: 'The revision', schema: 'Revision' },
  },
  {
    id: 'restoreRevision', method: 'POST', path: '/v1/admin/articles/{id}/revisions/{n}/restore', fn: 'editorial', access: EDITORIAL, tag: 'revisions',
    summary: 'Make a saved version the new working draft',
    description: 'The revision\'s content becomes a new version in draft; the slug stays. Refused (409) while the article is in review, approved or scheduled.',
    ifMatch: 'required',
    ok: { status: 200, description: 'The article with the restored content', schema: 'Article', headers: ['ETag'] },
    problems: [409],
  },
  {
    id: 'scheduleUnpublish', method: 'PUT', path: '/v1/admin/articles/{id}/unpublish-schedule', fn: 'editorial', access: EDITORIAL, tag: 'workflow',
    summary: 'Take a live article down automatically',
    description: 'Editors only. At unpublishAt the article is unpublished (archived) exactly once. Edits and republishing keep the time.',
    body: UnpublishScheduleSchema, ifMatch: 'required',
    ok: { status: 200, description: 'The article with unpublishAt set', schema: 'Article', headers: ['ETag'] },
    problems: [409],
  },
  {
    id: 'cancelUnpublish', method: 'DELETE', path: '/v1/admin/articles/{id}/unpublish-schedule', fn: 'editorial', access: EDITORIAL, tag: 'workflow',
    summary: 'Cancel a scheduled unpublish',
    description: 'Editors only. 409 when none is scheduled.',
    ifMatch: 'required',
    ok: { status: 200, description: 'The article with unpublishAt cleared', schema: 'Article', headers: ['ETag'] },
    problems: [409],
  },
  {
    id: 'createPreview', method: 'POST', path: '/v1/admin/articles/{id}/preview', fn: 'editorial', access: EDITORIAL, tag: 'revisions',
    summary: 'A signed, expiring link to the working copy',
    description: 'Anyone holding the link may read the working copy until it expires (24 hours unless expiresInSeconds says otherwise), is revoked, or the article is unpublished. The body is optional.',
    body: PreviewRequestSchema, bodyOptional: true,
    ok: { status: 201, description: 'The link, its token and when it expires', schema: 'PreviewLink' },
  },
  {
    id: 'listPreviews', method: 'GET', path: '/v1/admin/articles/{id}/preview', fn: 'editorial', access: EDITORIAL, tag: 'revisions',
    summary: 'The preview links that still open the working copy',
    description: 'Oldest first; expired and revoked links are not listed. Unpublishing the article revokes them all.',
    ok: { status: 200, description: 'The live links', schema: 'PreviewLinkList' },
  },
  {
    id: 'revokePreview', method: 'DELETE', path: '/v1/admin/articles/{id}/preview/{link}', fn: 'editorial', access: EDITORIAL, tag: 'revisions',
    summary: 'Revoke a preview link',
    description: 'The link answers 404 from now on. A link already revoked, expired and gone, or never issued is a 404.',
    ok: { status: 204, description: 'Revoked' },
  },
  {
    id: 'getPreviewSettings', method: 'GET', path: '/v1/admin/settings/preview', fn: 'editorial', access: ADMIN, tag: 'settings',
    summary: 'Where the Preview button goes',
    description: 'Admins only. previewUrl: the newsroom frontend\'s preview page as a template, or null for the CMS\'s own page (GET /v1/preview/{token}/page).',
    ok: { status: 200, description: 'The preview settings', schema: 'PreviewSettings' },
  },
  {
    id: 'putPreviewSettings', method: 'PUT', path: '/v1/admin/settings/preview', fn: 'editorial', access: ADMIN, tag: 'settings',
    summary: 'Change where the Preview button goes',
    description: 'Admins only. previewUrl: an https URL with {token} and {slug} where wanted (both optional, no other placeholder), e.g. https://www.example.com/preview/{slug}?token={token}; null or empty to use the CMS\'s own page. Preview links created or listed from now on carry it filled in as frontendUrl.',
    body: PreviewSettingsSchema,
    ok: { status: 200, description: 'The new preview settings', schema: 'PreviewSettings' },
  },
  {
    id: 'addCorrection', method: 'POST', path: '/v1/admin/articles/{id}/corrections', fn: 'editorial', access: CORRECTORS, tag: 'workflow',
    summary: 'Publish a correction on a live article',
    description: 'Editors only. The correction (text, time, editor) is added to the article, newest first, and to the live version at once, without publishing any edit waiting in the working copy; the audit trail records it and ArticlePublished announces it. 409 when the article is not live.',
    body: CorrectionCreateSchema, ifMatch: 'required',
    ok: { status: 200, description: 'The article with the correction', schema: 'Article', headers: ['ETag'] },
    problems: [409],
  },
  {
    id: 'importArticles', method: 'POST', path: '/v1/admin/imports', fn: 'editorial', access: ADMIN, tag: 'articles',
    summary: 'Import up to 200 archived stories',
    description: 'Admins only. Each ImportArticle becomes a published article with its original publishedAt and updatedAt (kept as given, offset included; feeds order by the instant), comments closed with the legacy count, and an import entry in its history. Idempotent by externalId: the same payload again is unchanged, a different one a conflict that overwrites nothing. Each article gets its own result; invalid ones carry their field errors and import nothing.',
    body: ImportRequestSchema,
    ok: { status: 200, description: 'One result per article, in order', schema: 'ImportResult' },
  },
  {
    id: 'getHistory', method: 'GET', path: '/v1/admin/articles/{id}/history', fn: 'editorial', access: EDITORIAL, tag: 'revisions',
    summary: 'The audit trail, oldest first',
    description: 'Every create, edit, transition and restore: who, when, from and to which status, the version and the note.',
    paged: 'HistoryEntry',
    ok: { status: 200, description: 'A page of audit entries' },
  },
] as const satisfies readonly RouteDefinition[];
