import type { ProblemStatus } from '../../shared/http/routes/define.ts';

/** The problem document (RFC 9457) every error answers with. */
export const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'An RFC 9457 problem document.',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: {
      type: 'string',
      description: 'A stable identifier of the kind of problem, e.g. /problems/not-found',
    },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'What went wrong, for a person to read.' },
    errors: {
      type: 'array',
      description: 'Per-field detail (400 for a query, 422 for a body).',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: {
          path: { type: 'string', description: 'The field, e.g. body.0.text' },
          message: { type: 'string' },
        },
      },
    },
    requestId: { type: 'string', description: 'Quote it when reporting a problem.' },
  },
};

const WHEN: Record<ProblemStatus | 500, [kind: string, title: string, when: string, detail: string]> = {
  301: [
    'moved',
    'Moved permanently',
    "An article's earlier slug, or a renamed section's, tag's: Location names the same resource under its current slug (cacheable).",
    'The article "harbour-plan" is now at "harbour-plan-approved".',
  ],
  308: [
    'moved',
    'Moved permanently',
    "A write to an article's earlier slug: send it again, same method and body, to Location.",
    'The article "harbour-plan" is now at "harbour-plan-approved".',
  ],
  400: [
    'bad-request',
    'Bad request',
    'Malformed JSON, a query that breaks its schema, or a cursor from another list.',
    'The cursor is not valid for this list; start again without it.',
  ],
  401: [
    'unauthorized',
    'Unauthorized',
    'No bearer token, or one that is invalid or expired.',
    'Sign in: this route needs a bearer token.',
  ],
  403: [
    'forbidden',
    'Forbidden',
    "The caller's role or ownership does not allow it.",
    'This route is for the roles moderator, admin.',
  ],
  404: [
    'not-found',
    'Not found',
    'Nothing there, or nothing the caller may know exists.',
    'No article with id 01KAX3TT6V3Q7D0Y6M1V0C5N8E.',
  ],
  409: [
    'conflict',
    'Conflict',
    'The current state forbids it (the workflow, a taken slug, a repeat).',
    'publish is not allowed from in_review.',
  ],
  412: [
    'precondition-failed',
    'Precondition failed',
    'If-Match names a version that is no longer current: fetch again.',
    'If-Match names version 3, but the article is at version 4. Fetch it again.',
  ],
  413: [
    'payload-too-large',
    'Payload too large',
    'The body, or the article it would make, is over the size limit.',
    'The body is larger than the limit of 262144 bytes.',
  ],
  415: [
    'unsupported-media-type',
    'Unsupported media type',
    'The body is not sent as application/json.',
    'Send the body as application/json, not text/plain.',
  ],
  422: [
    'validation-error',
    'Validation failed',
    'Valid JSON that breaks the schema; `errors` names each field.',
    'The body does not match the schema. title must not be empty',
  ],
  428: [
    'precondition-required',
    'Precondition required',
    'A write without If-Match.',
    'This write needs an If-Match header with the ETag of the version you read, e.g. If-Match: "3".',
  ],
  429: [
    'too-many-requests',
    'Too many requests',
    'Too soon after the previous request: wait Retry-After seconds.',
    'Please wait 30 seconds before posting again.',
  ],
  503: [
    'unavailable',
    'Service unavailable',
    'The store is unreachable or throttling: retry after Retry-After seconds.',
    'The content store is not answering right now; retry in a moment.',
  ],
  500: [
    'internal',
    'Internal server error',
    'Something failed on our side; nothing about it is disclosed.',
    'Something went wrong on our side. Quote request id 5f1c0e2a if you report it.',
  ],
};

export const PROBLEM_RESPONSES = Object.fromEntries(
  Object.entries(WHEN).map(([status, [kind, title, when, detail]]) => [
    `Problem${status}`,
    {
      description: when,
      ...(status === '429' || status === '503'
        ? { headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } } }
        : {}),
      ...(status === '301' || status === '308'
        ? {
            headers: {
              Location: { description: 'The path under the current slug.', schema: { type: 'string' } },
            },
          }
        : {}),
      content: {
        'application/problem+json': {
          schema: { $ref: '#/components/schemas/Problem' },
          example: {
            type: `/problems/${kind}`,
            title,
            status: Number(status),
            detail,
            ...(status === '422' ? { errors: [{ path: 'title', message: 'must not be empty' }] } : {}),
            requestId: 'c0a8012e-7d3b-4b8e-9a51-2f6f3c1d9e44',
          },
        },
      },
    },
  ]),
);
