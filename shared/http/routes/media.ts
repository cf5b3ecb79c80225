import { MediaCreateSchema, MediaPatchSchema } from '../../schemas/media.ts';
import { SearchOnlyQuerySchema } from '../query.ts';
import { EDITORIAL, type RouteDefinition } from './define.ts';

// biome-ignore format: one route per entry reads as a table
export const MEDIA_ROUTES = [
  {
    id: 'createMedia', method: 'POST', path: '/v1/admin/media', fn: 'editorial', access: EDITORIAL, tag: 'media',
    summary: 'Register an image and get a presigned upload',
    description: 'Answers the new record (pending) and a presigned POST: send upload.fields, then the file as the form field `file`, to upload.url before upload.expiresAt. The policy admits only the declared content type (JPEG, PNG, WebP, AVIF or GIF) and at most upload.maxBytes (20 MB). Once the file lands, its format, dimensions and size are read from the bytes and WebP renditions are made at 320, 640, 1280 and 2048 pixels wide (never wider than the original): GET the record until status is ready (or failed, with the reason).',
    body: MediaCreateSchema,
    ok: { status: 201, description: 'The pending record and its upload form', schema: 'MediaUpload', headers: ['ETag', 'Location'] },
  },
  {
    id: 'listMedia', method: 'GET', path: '/v1/admin/media', fn: 'editorial', access: EDITORIAL, tag: 'media',
    summary: 'The media library, newest first',
    description: 'Every image, whatever its status. With q, the images whose alt text, caption, credit or file name hold every word (case and accents folded, English word forms, the last word also as the start of a word while typed), newest first, each with highlights marking the words found; the index follows an upload or an edit within seconds.',
    query: SearchOnlyQuerySchema, paged: 'Media',
    ok: { status: 200, description: 'A page of images' },
  },
  {
    id: 'getMedia', method: 'GET', path: '/v1/admin/media/{id}', fn: 'editorial', access: EDITORIAL, tag: 'media',
    summary: 'One image',
    description: 'With its status, what was read from the file (type, width, height, bytes) and its renditions.',
    ok: { status: 200, description: 'The image', schema: 'Media', headers: ['ETag'] },
  },
  {
    id: 'updateMedia', method: 'PATCH', path: '/v1/admin/media/{id}', fn: 'editorial', access: EDITORIAL, tag: 'media',
    summary: 'Change alt text, caption, credit or licence',
    description: "Whoever uploaded the image, editors and admins; another author gets 403. An article keeps the image's words its approval saw (live or approved, and when it is published) until it is approved again.",
    body: MediaPatchSchema, ifMatch: 'required',
    ok: { status: 200, description: 'The updated image', schema: 'Media', headers: ['ETag'] },
  },
  {
    id: 'deleteMedia', method: 'DELETE', path: '/v1/admin/media/{id}', fn: 'editorial', access: EDITORIAL, tag: 'media',
    summary: 'Delete an image no article or author uses',
    description: 'Editors; its uploader too while it is pending or failed (an upload that did not arrive: the console deletes its record), otherwise 403. Deletes the record, the original and its renditions. An image that a working copy or a live article uses, or that an author record has as its photo, is a 409 naming the articles (articles.<id>) and the authors (authors.<slug>). If-Match is honoured when sent.',
    ifMatch: 'optional',
    ok: { status: 204, description: 'Deleted' },
    problems: [409],
  },
] as const satisfies readonly RouteDefinition[];
