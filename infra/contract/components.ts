import * as z from 'zod';
import { AccessSchema } from '../../shared/schemas/access.ts';
import { PublicSeoSchema, SeoSchema, SourceSchema } from '../../shared/schemas/article.ts';
import { BlockSchema, PublicBlockSchema, PublicImageBlockSchema } from '../../shared/schemas/articleBody.ts';
import { CorrectionRecordSchema, PublicCorrectionSchema } from '../../shared/schemas/articleCorrections.ts';
import { ExcerptSchema } from '../../shared/schemas/articleLists.ts';
import { ArticleAuthorSchema, AuthorLinkSchema, AuthorPhotoSchema } from '../../shared/schemas/author.ts';
import {
  ModerationRecordSchema,
  ReplyContextSchema,
  ReportSummarySchema,
} from '../../shared/schemas/comment.ts';
import {
  CropSchema,
  FocalPointSchema,
  PlacementCropsSchema,
  PublicCropSchema,
} from '../../shared/schemas/crops.ts';
import { HighlightsSchema } from '../../shared/schemas/highlights.ts';
import { ImportArticleSchema } from '../../shared/schemas/imports.ts';
import { PublicLiveEntrySchema } from '../../shared/schemas/live.ts';
import { PublicCoverageSchema } from '../../shared/schemas/liveCoverage.ts';
import {
  LeadImageRefSchema,
  ListImageSchema,
  MediaRefSchema,
  PublicImageSchema,
  RenditionSchema,
} from '../../shared/schemas/media.ts';
import { MarkSchema, SpanSchema } from '../../shared/schemas/richText.ts';

/** Named parts that bodies share; they become components too, referenced rather than repeated. */
const SHARED_PARTS = [
  AccessSchema,
  ExcerptSchema,
  BlockSchema,
  PublicBlockSchema,
  PublicImageBlockSchema,
  PublicImageSchema,
  ListImageSchema,
  PublicSeoSchema,
  MediaRefSchema,
  LeadImageRefSchema,
  PlacementCropsSchema,
  FocalPointSchema,
  CropSchema,
  PublicCropSchema,
  RenditionSchema,
  SourceSchema,
  SpanSchema,
  MarkSchema,
  PublicCorrectionSchema,
  CorrectionRecordSchema,
  SeoSchema,
  ImportArticleSchema,
  ModerationRecordSchema,
  ReportSummarySchema,
  ReplyContextSchema,
  HighlightsSchema,
  PublicCoverageSchema,
  PublicLiveEntrySchema,
  AuthorLinkSchema,
  AuthorPhotoSchema,
  ArticleAuthorSchema,
];

type Json = Record<string, unknown>;

/** The component name a schema carries in its `.meta({ id })`. */
export function componentName(schema: z.core.$ZodType): string {
  const id = z.globalRegistry.get(schema)?.id;
  if (typeof id !== 'string') throw new Error('A request or response schema needs .meta({ id })');
  return id;
}

/**
 * `components.schemas` for the given request and response schemas. Requests are described as
 * clients send them (zod's input), responses as the server answers (output). Where one name means
 * different shapes in the two directions (a default, a transform), the request side is `<name>Input`.
 */
export function buildComponents(requests: z.core.$ZodType[], responses: z.core.$ZodType[]) {
  const convert = (schemas: z.core.$ZodType[], io: 'input' | 'output', rename = new Set<string>()) => {
    const registry = z.registry<{ id: string }>();
    for (const schema of new Set([...SHARED_PARTS, ...schemas])) {
      registry.add(schema, { ...z.globalRegistry.get(schema), id: componentName(schema) });
    }
    const named = (id: string) => (rename.has(id) ? `${id}Input` : id);
    const { schemas: out } = z.toJSONSchema(registry, {
      io,
      target: 'draft-2020-12',
      unrepresentable: 'any',
      uri: (id) => `#/components/schemas/${named(id)}`,
    });
    return Object.fromEntries(Object.entries(out).map(([id, schema]) => [named(id), tidy(schema) as Json]));
  };
  const out = convert(responses, 'output');
  let inputs = convert(requests, 'input');
  const differing = new Set(
    Object.keys(inputs).filter((id) => out[id] && JSON.stringify(out[id]) !== JSON.stringify(inputs[id])),
  );
  if (differing.size) inputs = convert(requests, 'input', differing);
  return {
    schemas: { ...inputs, ...out },
    inputName: (id: string) => (differing.has(id) ? `${id}Input` : id),
  };
}

const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * What zod emits for its own round trips but a reader does not need: `$schema` and `$id` on each
 * component, the full date-time regex beside `format: date-time`, and ±2^53 bounds on integers.
 */
export function tidy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidy);
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === '$schema' || key === '$id') continue;
    if (key === 'pattern' && (value as Json).format === 'date-time') continue;
    if ((key === 'minimum' && v === -SAFE) || (key === 'maximum' && v === SAFE)) continue;
    out[key] = tidy(v);
  }
  return out;
}
