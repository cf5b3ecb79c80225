import { FrontArrangementSchema, FrontCreateSchema, FrontPublishSchema } from '../../schemas/front.ts';
import { EDITORS, type RouteDefinition } from './define.ts';

// biome-ignore format: one route per entry reads as a table
export const FRONT_ROUTES = [
  {
    id: 'listFronts', method: 'GET', path: '/v1/admin/fronts', fn: 'editorial', access: EDITORS, tag: 'fronts',
    summary: 'Every front',
    description: 'Editors only. Each front\'s draft arrangement and publishing state, by name.',
    ok: { status: 200, description: 'The fronts', schema: 'FrontList' },
  },
  {
    id: 'createFront', method: 'POST', path: '/v1/admin/fronts', fn: 'editorial', access: EDITORS, tag: 'fronts',
    summary: 'Create a front',
    description: 'Editors only. A draft arrangement under a new name (409 if taken); nothing is public until it is published.',
    body: FrontCreateSchema,
    ok: { status: 201, description: 'The new front', schema: 'Front', headers: ['ETag', 'Location'] },
    problems: [409],
  },
  {
    id: 'getFront', method: 'GET', path: '/v1/admin/fronts/{front}', fn: 'editorial', access: EDITORS, tag: 'fronts',
    summary: 'A front\'s draft',
    description: 'Editors only. The version is in ETag: send it back in If-Match.',
    ok: { status: 200, description: 'The front', schema: 'Front', headers: ['ETag'] },
  },
  {
    id: 'updateFront', method: 'PUT', path: '/v1/admin/fronts/{front}', fn: 'editorial', access: EDITORS, tag: 'fronts',
    summary: 'Save the draft arrangement',
    description: 'Editors only. Replaces the draft\'s title and zones; the public front is unchanged until the draft is published. A publish waiting for its time is cancelled: schedule it again.',
    body: FrontArrangementSchema, ifMatch: 'required',
    ok: { status: 200, description: 'The saved draft', schema: 'Front', headers: ['ETag'] },
  },
  {
    id: 'publishFront', method: 'POST', path: '/v1/admin/fronts/{front}/publish', fn: 'editorial', access: EDITORS, tag: 'fronts',
    summary: 'Publish the draft, now or at a time',
    description: 'Editors only. Without publishAt, the draft becomes a new revision and the public front, resolved now. With publishAt (in the future), it is published then, exactly once, unless the draft is saved again first. Purges the public front from the CDN.',
    body: FrontPublishSchema, bodyOptional: true, ifMatch: 'required',
    ok: { status: 200, description: 'The front with its publishing state', schema: 'Front', headers: ['ETag'] },
  },
  {
    id: 'previewFront', method: 'GET', path: '/v1/admin/fronts/{front}/preview', fn: 'editorial', access: EDITORS, tag: 'fronts',
    summary: 'The draft resolved now',
    description: 'Editors only. What the public front would show if the draft were published now. Nothing is written.',
    ok: { status: 200, description: 'The draft resolved', schema: 'PublicFront' },
  },
  {
    id: 'listFrontRevisions', method: 'GET', path: '/v1/admin/fronts/{front}/revisions', fn: 'editorial', access: EDITORS, tag: 'fronts',
    summary: 'Every published arrangement, newest first',
    description: 'Editors only. Each publish is a revision; revisions are immutable.',
    paged: 'FrontRevision',
    ok: { status: 200, description: 'A page of revisions' },
  },
  {
    id: 'getFrontRevision', method: 'GET', path: '/v1/admin/fronts/{front}/revisions/{n}', fn: 'editorial', access: EDITORS, tag: 'fronts',
    summary: 'One published arrangement',
    description: 'Editors only.',
    ok: { status: 200, description: 'The revision', schema: 'FrontRevision' },
  },
  {
    id: 'restoreFrontRevision', method: 'POST', path: '/v1/admin/fronts/{front}/revisions/{n}/restore', fn: 'editorial', access: EDITORS, tag: 'fronts',
    summary: 'Make a published arrangement the draft again',
    description: 'Editors only. The revision\'s title and zones become a new draft version; publish it to make it public.',
    ifMatch: 'required',
    ok: { status: 200, description: 'The draft with the restored arrangement', schema: 'Front', headers: ['ETag'] },
  },
] as const satisfies readonly RouteDefinition[];
