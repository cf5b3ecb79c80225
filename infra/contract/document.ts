import * as z from 'zod';
import { PAGE_LIMITS } from '../../shared/http/paging.ts';
import { RESPONSES, type ResponseName } from '../../shared/http/responses.ts';
import {
  impliedProblems,
  PATH_PARAMS,
  type PathParamName,
  type ProblemStatus,
  type ResponseHeader,
  type RouteDefinition,
  TAGS,
} from '../../shared/http/routes/define.ts';
import { ROUTES } from '../../shared/http/routes.ts';
import { buildComponents, componentName, tidy } from './components.ts';
import { EXAMPLES } from './examples.ts';
import { PROBLEM_RESPONSES, PROBLEM_SCHEMA } from './problems.ts';

/**
 * The OpenAPI 3.1 document, generated from the route table and the zod schemas, so the served
 * contract cannot disagree with what the dispatcher validates. Tooling, not run time: it reads
 * the seeds for its examples, and `npm run contract` writes it to shared/contract/openapi.json,
 * which the docs function serves.
 */
type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const HEADERS: Record<ResponseHeader, Json> = {
  ETag: {
    description:
      'The version of the resource, e.g. "4". Send it back in If-Match (writes) or If-None-Match (reads).',
    schema: { type: 'string' },
  },
  Location: { description: 'Where the new resource lives.', schema: { type: 'string' } },
  'Cache-Control': {
    description: 'How long shared caches and browsers may keep the answer.',
    schema: { type: 'string' },
  },
};

export const SERVERS = [
  { url: 'http://localhost:3000', description: 'npm start (the local CMS with sample content)' },
  {
    url: 'https://{apiId}.execute-api.{region}.amazonaws.com/{stage}',
    description:
      'A deployed stage: the ApiUrl output of `cdk deploy` (the REST API id, region and stage name)',
    variables: {
      apiId: { default: 'abcdef1234' },
      region: { default: 'eu-west-1' },
      stage: { default: 'prod', enum: ['dev', 'prod'] },
    },
  },
];

export function buildOpenApiDocument() {
  const requests = ROUTES.flatMap((r: RouteDefinition) => (r.body ? [r.body] : []));
  const responses = Object.values(RESPONSES);
  const { schemas, inputName } = buildComponents(requests, responses);
  const pages = new Set(ROUTES.flatMap((r: RouteDefinition) => (r.paged ? [r.paged] : [])));
  for (const name of pages) {
    schemas[pageName(name)] = {
      type: 'object',
      description: `A page of ${name} items. Pass nextCursor back as cursor for the next page; null on the last.`,
      properties: { items: { type: 'array', items: ref(name) }, nextCursor: { type: ['string', 'null'] } },
      required: ['items', 'nextCursor'],
      additionalProperties: false,
    };
  }
  schemas.Problem = PROBLEM_SCHEMA;

  const paths: Record<string, Record<string, Json>> = {};
  /** The examples operations point at; only those are emitted. */
  const used = new Set<string>();
  for (const route of ROUTES as readonly RouteDefinition[]) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, Json>)[route.method.toLowerCase()] = operation(
      route,
      inputName,
      used,
    );
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Newsroom CMS API',
      version: '1.0.0',
      description: [
        'Editorial workflow, public reads and reader comments for a newsroom.',
        '',
        'Errors are RFC 9457 problem documents (`application/problem+json`). Every write to an article sends `If-Match` with the ETag it read: a stale one is a 412, a missing one a 428. Lists are cursor-paged: `{ items, nextCursor }`. Unknown fields in a body are a 422; unknown query parameters are ignored.',
      ].join('\n'),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: SERVERS,
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    security: [{ cognito: [] }],
    paths,
    components: {
      schemas,
      responses: PROBLEM_RESPONSES,
      examples: examplesComponent(used),
      headers: HEADERS,
      securitySchemes: {
        cognito: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            "A Cognito ID token (locally: `npm run -s token -- --role editor`). The role is the token's cognito:groups: author, editor, moderator or admin.",
        },
      },
    },
  };
}

const pageName = (item: string) => `${item}Page`;

function operation(route: RouteDefinition, inputName: (id: string) => string, used: Set<string>): Json {
  const exampleRef = (name: string) => {
    used.add(name);
    return { [name]: { $ref: `#/components/examples/${name}` } };
  };
  const roles = route.access === 'public' ? null : [...route.access, 'admin'];
  const parameters: Json[] = [];
  for (const [, name] of route.path.matchAll(/\{(\w+)\}/g)) {
    const spec = PATH_PARAMS[name as PathParamName];
    parameters.push({
      name,
      in: 'path',
      required: true,
      description: spec.description,
      schema:
        name === 'n'
          ? { type: 'integer', minimum: 1, maximum: 999_999_999 }
          : { type: 'string', pattern: spec.pattern.source, maxLength: spec.maxLength },
      example: name === 'n' ? Number(spec.example) : spec.example,
    });
  }
  if (route.query) {
    const json = tidy(z.toJSONSchema(route.query, { io: 'input', target: 'draft-2020-12' })) as Json;
    for (const [name, schema] of Object.entries((json.properties ?? {}) as Record<string, Json>)) {
      parameters.push({ name, in: 'query', required: false, schema });
    }
  }
  if (route.paged) {
    parameters.push(
      {
        name: 'limit',
        in: 'query',
        required: false,
        description: 'How many items a page holds.',
        schema: {
          type: 'integer',
          minimum: PAGE_LIMITS.min,
          maximum: PAGE_LIMITS.max,
          default: PAGE_LIMITS.default,
        },
      },
      {
        name: 'cursor',
        in: 'query',
        required: false,
        description:
          "The previous page's nextCursor. Opaque and bound to this list, its filters and the caller.",
        schema: { type: 'string', maxLength: 2048 },
      },
    );
  }
  if (route.ifMatch) {
    parameters.push({
      name: 'If-Match',
      in: 'header',
      required: route.ifMatch === 'required',
      description: 'The ETag of the version you read, e.g. "4".',
      schema: { type: 'string' },
    });
  }
  if (route.conditional) {
    parameters.push({
      name: 'If-None-Match',
      in: 'header',
      required: false,
      description: 'An ETag you hold: 304 when it is still current.',
      schema: { type: 'string' },
    });
  }

  const responses: Record<string, Json> = { [String(route.ok.status)]: success(route, exampleRef) };
  if (route.conditional) {
    responses['304'] = {
      description: 'Not modified: the ETag you sent is still current.',
      headers: { ETag: { $ref: '#/components/headers/ETag' } },
    };
  }
  for (const status of impliedProblems(route)) responses[String(status)] = problemRef(status);
  responses['500'] = problemRef(500);

  const body = route.body ? inputName(componentName(route.body)) : null;
  return {
    operationId: route.id,
    summary: route.summary,
    description: roles ? `${route.description}\n\nRoles: ${roles.join(', ')}.` : route.description,
    tags: [route.tag],
    ...(roles ? { 'x-roles': roles } : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...(body
      ? {
          requestBody: {
            required: !route.bodyOptional,
            content: {
              'application/json': {
                schema: ref(body),
                examples: exampleRef(componentName(route.body as z.core.$ZodType)),
              },
            },
          },
        }
      : {}),
    responses,
  };
}

function documentDescription(type: string): string {
  if (type === 'application/rss+xml') return 'An RSS 2.0 document (UTF-8)';
  if (type === 'application/atom+xml') return 'An Atom 1.0 document (UTF-8)';
  return 'An XML document (UTF-8)';
}

function success(route: RouteDefinition, exampleRef: (name: string) => Json): Json {
  const headers: Record<string, Json> = {};
  for (const name of route.ok.headers ?? []) headers[name] = { $ref: `#/components/headers/${name}` };
  const schema: ResponseName | undefined = route.paged ?? route.ok.schema;
  const content = route.ok.html
    ? { 'text/html': { schema: { type: 'string', description: 'An HTML document' } } }
    : route.ok.contentType
      ? {
          [route.ok.contentType]: {
            schema: { type: 'string', description: documentDescription(route.ok.contentType) },
          },
        }
      : !schema
        ? route.fn === 'docs'
          ? { 'application/json': { schema: { type: 'object', description: 'An OpenAPI 3.1 document' } } }
          : undefined
        : {
            'application/json': {
              schema: ref(route.paged ? pageName(schema) : schema),
              examples: exampleRef(route.paged ? pageName(schema) : schema),
            },
          };
  return {
    description: route.ok.description,
    ...(Object.keys(headers).length ? { headers } : {}),
    ...(content ? { content } : {}),
  };
}

/** Examples live once under components.examples, drawn from EXAMPLES; media types point at them. */
function examplesComponent(used: Set<string>) {
  const out: Record<string, Json> = {};
  for (const name of [...used].sort()) {
    const item = name.endsWith('Page') ? name.slice(0, -'Page'.length) : null;
    const value = item ? { items: [EXAMPLES[item]], nextCursor: null } : EXAMPLES[name];
    if (value === undefined || (item && EXAMPLES[item] === undefined)) {
      throw new Error(`No example for ${item ?? name}: add one to infra/contract/examples.ts`);
    }
    out[name] = {
      summary: item ? `A page of ${item}, from the sample content` : `From the sample content`,
      value,
    };
  }
  return out;
}

const problemRef = (status: ProblemStatus | 500) => ({ $ref: `#/components/responses/Problem${status}` });
