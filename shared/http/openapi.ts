import { z } from 'zod';
import {
  ArticleCreateSchema,
  ArticlePatchSchema,
  ArticleSchema,
  ArticleSummarySchema,
  HistoryEntrySchema,
  PreviewLinkSchema,
  PreviewRequestSchema,
  PublicArticleSchema,
  PublicArticleSummarySchema,
  RevisionSchema,
  RevisionSummarySchema,
  TransitionSchema,
  UnpublishScheduleSchema,
} from '../schemas/article.ts';
import {
  AdminCommentSchema,
  BulkModerationSchema,
  CommentCreatedSchema,
  CommentSettingsSchema,
  CommentSubmitSchema,
  ModerationSchema,
  PublicCommentSchema,
} from '../schemas/comment.ts';
import {
  AdminListQuerySchema,
  CommentQueueQuerySchema,
  PageQuerySchema,
  PublicListQuerySchema,
} from './query.ts';
import { ROUTES, type RouteId } from './routes.ts';

/**
 * The OpenAPI 3.1 document, generated from the route table and the zod schemas, so the served
 * contract cannot disagree with what the handlers validate. Every route must appear here; the
 * compiler enforces it through the Record type.
 */
interface Operation {
  query?: z.core.$ZodType;
  body?: z.core.$ZodType;
  response?: { status: number; schema?: z.core.$ZodType; description: string };
  ifMatch?: 'required' | 'optional';
}

const page = (item: z.ZodType) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const OPERATIONS: Record<RouteId, Operation> = {
  getOpenApi: { response: { status: 200, description: 'This document' } },
  listPublicArticles: {
    query: PublicListQuerySchema,
    response: { status: 200, schema: page(PublicArticleSummarySchema), description: 'Live articles' },
  },
  getPublicArticle: {
    response: { status: 200, schema: PublicArticleSchema, description: 'The live snapshot' },
  },
  createArticle: {
    body: ArticleCreateSchema,
    response: { status: 201, schema: ArticleSchema, description: 'Created' },
  },
  listArticles: {
    query: AdminListQuerySchema,
    response: { status: 200, schema: page(ArticleSummarySchema), description: 'Working copies' },
  },
  getArticle: { response: { status: 200, schema: ArticleSchema, description: 'The working copy' } },
  updateArticle: {
    body: ArticlePatchSchema,
    ifMatch: 'required',
    response: { status: 200, schema: ArticleSchema, description: 'Updated' },
  },
  deleteArticle: { ifMatch: 'optional', response: { status: 204, description: 'Deleted' } },
  transitionArticle: {
    body: TransitionSchema,
    ifMatch: 'required',
    response: { status: 200, schema: ArticleSchema, description: 'The article after the transition' },
  },
  listRevisions: {
    query: PageQuerySchema,
    response: {
      status: 200,
      schema: page(RevisionSummarySchema),
      description: 'Saved versions, oldest first',
    },
  },
  getRevision: { response: { status: 200, schema: RevisionSchema, description: 'One saved version' } },
  restoreRevision: {
    ifMatch: 'required',
    response: { status: 200, schema: ArticleSchema, description: 'The article with the restored content' },
  },
  listArticleComments: {
    query: PageQuerySchema,
    response: {
      status: 200,
      schema: page(PublicCommentSchema),
      description: 'Approved comments, oldest first',
    },
  },
  submitComment: {
    body: CommentSubmitSchema,
    response: { status: 201, schema: CommentCreatedSchema, description: 'Received (pending or approved)' },
  },
  listComments: {
    query: CommentQueueQuerySchema,
    response: { status: 200, schema: page(AdminCommentSchema), description: 'The queue' },
  },
  moderateComment: {
    body: ModerationSchema,
    response: { status: 200, schema: AdminCommentSchema, description: 'The comment' },
  },
  moderateComments: {
    body: BulkModerationSchema,
    response: {
      status: 200,
      schema: z.object({
        results: z.array(
          z.object({
            id: z.string(),
            status: z.number().int(),
            comment: AdminCommentSchema.optional(),
            detail: z.string().optional(),
          }),
        ),
      }),
      description: 'One result per id',
    },
  },
  eraseComment: { response: { status: 204, description: 'Erased' } },
  getCommentSettings: {
    response: { status: 200, schema: CommentSettingsSchema, description: 'The settings' },
  },
  putCommentSettings: {
    body: CommentSettingsSchema,
    response: { status: 200, schema: CommentSettingsSchema, description: 'The new settings' },
  },
  scheduleUnpublish: {
    body: UnpublishScheduleSchema,
    ifMatch: 'required',
    response: { status: 200, schema: ArticleSchema, description: 'The article with unpublishAt set' },
  },
  cancelUnpublish: {
    ifMatch: 'required',
    response: { status: 200, schema: ArticleSchema, description: 'The article with unpublishAt cleared' },
  },
  createPreview: {
    body: PreviewRequestSchema,
    response: {
      status: 201,
      schema: PreviewLinkSchema,
      description: 'The link, its token and when it expires',
    },
  },
  getPreview: { response: { status: 200, schema: ArticleSchema, description: 'The working copy' } },
  getHistory: {
    query: PageQuerySchema,
    response: { status: 200, schema: page(HistoryEntrySchema), description: 'Audit entries, oldest first' },
  },
};

const PROBLEM = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

const schemaOf = (schema: z.core.$ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' });

export function buildOpenApiDocument(serverUrl = '/') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const op = OPERATIONS[route.id];
    const parameters: unknown[] = [];
    for (const name of route.path.match(/\{(\w+)\}/g) ?? []) {
      parameters.push({ name: name.slice(1, -1), in: 'path', required: true, schema: { type: 'string' } });
    }
    if (op.query) {
      const json = schemaOf(op.query, 'input') as { properties?: Record<string, unknown> };
      for (const [name, schema] of Object.entries(json.properties ?? {})) {
        parameters.push({ name, in: 'query', required: false, schema });
      }
    }
    if (op.ifMatch) {
      parameters.push({
        name: 'If-Match',
        in: 'header',
        required: op.ifMatch === 'required',
        description: 'The ETag of the version you read',
        schema: { type: 'string' },
      });
    }
    const responses: Record<string, unknown> = {
      default: { description: 'A problem', content: { 'application/problem+json': { schema: PROBLEM } } },
    };
    if (op.response) {
      responses[String(op.response.status)] = {
        description: op.response.description,
        ...(op.response.schema
          ? { content: { 'application/json': { schema: schemaOf(op.response.schema, 'output') } } }
          : {}),
      };
    }
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = {
      operationId: route.id,
      summary: route.summary,
      ...(route.access === 'public'
        ? { security: [] }
        : { security: [{ cognito: [] }], 'x-roles': [...route.access, 'admin'] }),
      parameters,
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemaOf(op.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Newsroom CMS API',
      version: '1.0.0',
      description:
        'Editorial workflow, public reads and comments for a newsroom. Errors are RFC 9457 problems.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A Cognito ID token' },
      },
    },
    paths,
  };
}
