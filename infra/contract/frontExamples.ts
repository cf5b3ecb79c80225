import { SEED_ARTICLES } from '../../seeds/content.ts';
import { PATH_PARAMS } from '../../shared/http/routes/define.ts';
import { eachTextField, withoutPrivateText } from '../../shared/schemas/articleFields.ts';
import type { FrontArrangement, FrontRevision, FrontView, PublicFront } from '../../shared/schemas/front.ts';

/** The fronts' examples: the sample home front (seeds/fronts.ts), with fixed ids and times. */
const lead = SEED_ARTICLES[0];
if (!lead) throw new Error('The seeds have no lead story');
const AT = '2026-12-07T06:30:00.000Z';
const ID = PATH_PARAMS.id.example;

const arrangement: FrontArrangement = {
  title: 'Home',
  zones: [
    {
      name: 'top',
      slots: [
        {
          pin: { articleId: ID, until: '2026-12-07T18:00:00.000Z' },
          rule: { kind: 'section', value: 'city' },
        },
        { rule: { kind: 'section', value: 'city' } },
      ],
    },
    { name: 'secondary', slots: [{ rule: { kind: 'section', value: 'politics' } }] },
    {
      name: 'more',
      slots: [
        { rule: { kind: 'tag', value: 'transport' } },
        { rule: { kind: 'author', value: 'maren-holloway' } },
      ],
    },
  ],
};

const front: FrontView = {
  name: 'home',
  ...arrangement,
  version: 3,
  updatedAt: AT,
  updatedBy: 'dev-editor',
  publishedRevision: 1,
  publishedAt: AT,
  scheduledFor: null,
};

const revision: FrontRevision = {
  name: 'home',
  n: 1,
  version: 2,
  ...arrangement,
  publishedAt: AT,
  publishedBy: 'dev-editor',
};

const entry = {
  id: ID,
  slug: PATH_PARAMS.slug.example,
  // The field table's plain text fields readers get: the seeded story's, else the table's example.
  ...withoutPrivateText(eachTextField((spec, key) => lead.content[key] ?? spec.example)),
  section: lead.content.section,
  tags: lead.content.tags ?? [],
  status: 'published',
  version: 4,
  publishedAt: lead.at,
  updatedAt: lead.at,
  leadImage: null,
  access: 'free' as const,
  authors: [],
  pinned: true,
};

const publicFront = {
  name: 'home',
  title: 'Home',
  revision: 1,
  publishedAt: AT,
  resolvedAt: AT,
  zones: [
    { name: 'top', entries: [entry] },
    { name: 'secondary', entries: [] },
    { name: 'more', entries: [] },
  ],
} as PublicFront;

export const FRONT_EXAMPLES: Record<string, unknown> = {
  FrontCreate: { name: 'home', ...arrangement },
  FrontArrangement: arrangement,
  FrontPublish: { publishAt: '2026-12-07T18:00:00Z' },
  Front: front,
  FrontList: { items: [front] },
  FrontRevision: revision,
  PublicFront: publicFront,
};
