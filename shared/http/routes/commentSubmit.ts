import { CommentReportSchema, CommentSubmitSchema } from '../../schemas/commentSubmit.ts';
import type { RouteDefinition } from './define.ts';

// biome-ignore format: one route per entry reads as a table
export const COMMENT_SUBMIT_ROUTES = [
  {
    id: 'submitComment', method: 'POST', path: '/v1/articles/{slug}/comments', fn: 'commentSubmit', access: 'public', tag: 'comments',
    summary: 'Post a comment on a live article',
    description: 'Readers post without an account. The moderation settings decide whether it is held (pending) or shown at once (approved); spam is reported as pending. A reply (parentId) goes under an approved comment; threads are one level deep, so a reply to a reply joins the top-level comment it answers. One comment per client within the flood window (429 with Retry-After); an exact repeat within a day is a 409. 403 when the article\'s comments are closed (disabled, closed by hand, or closed automatically closeAfterDays after first publication); nothing is stored then.',
    body: CommentSubmitSchema,
    ok: { status: 201, description: 'Received', schema: 'CommentCreated' },
    problems: [308, 403, 404, 409, 429],
  },
  {
    id: 'reportComment', method: 'POST', path: '/v1/articles/{slug}/comments/{id}/reports', fn: 'commentSubmit', access: 'public', tag: 'comments',
    summary: 'Report a comment to the moderators',
    description: 'Anonymous, like posting: a reason (spam, abuse, off_topic, or other with text). One report per reader per comment, a reader being the client address whatever its user agent: a second is a 409 and changes nothing. At most 20 reports per address in a 10-minute window (429 with Retry-After). A banned client or address cannot report (403). After the configured number of reports (reportThreshold) the comment is held back for review and leaves the thread and the count. 404 for a comment that is not shown on this live article.',
    body: CommentReportSchema,
    ok: { status: 201, description: 'Reported', schema: 'ReportReceived' },
    problems: [403, 404, 409, 429],
  },
] as const satisfies readonly RouteDefinition[];
