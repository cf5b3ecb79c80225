import type { ArticleAuthor, Author, AuthorStory } from '../../shared/schemas/author.ts';

/** Examples of the author records' schemas (apart from ./examples.ts, which is at its size cap). */
const photo = {
  mediaId: '01KAX4D2R6T9V1X3Z5B7C9E1GH',
  src: '/media/renditions/01KAX4D2R6T9V1X3Z5B7C9E1GH/640.webp',
  srcset:
    '/media/renditions/01KAX4D2R6T9V1X3Z5B7C9E1GH/320.webp 320w, /media/renditions/01KAX4D2R6T9V1X3Z5B7C9E1GH/640.webp 640w',
  width: 640,
  height: 640,
  alt: 'Maren Holloway on the steps of city hall',
};
const { mediaId: _m, ...listPhoto } = photo;
const author: Author = {
  slug: 'maren-holloway',
  name: 'Maren Holloway',
  title: 'City hall reporter',
  bio: 'Maren covers the council, planning and the parks department.',
  photo,
  links: [{ label: 'Newsletter', url: 'https://courier.example.org/newsletters/city-hall' }],
  guest: false,
  version: 2,
  createdAt: '2026-11-20T09:00:00.000Z',
  createdBy: 'dev-editor',
  updatedAt: '2026-11-22T10:30:00.000Z',
  updatedBy: 'dev-editor',
};
const {
  version: _v,
  createdAt: _ca,
  createdBy: _cb,
  updatedAt: _ua,
  updatedBy: _ub,
  ...publicAuthor
} = author;
const story: AuthorStory = {
  id: '01KAX3TT6V3Q7D0Y6M1V0C5N8E',
  slug: 'tram-extension-would-fell-60-trees-in-linden-park-council-papers-reveal',
  section: 'city',
  title: 'Tram extension would fell 60 trees in Linden Park, council papers reveal',
  summary: 'The route favoured by officers runs along the avenue of plane trees.',
  tags: ['transport', 'parks'],
  publishedAt: '2026-11-24T07:15:00.000Z',
  updatedAt: '2026-11-24T09:00:00.000Z',
  leadImage: null,
};
const articleAuthor: ArticleAuthor = {
  slug: author.slug,
  name: author.name,
  title: author.title,
  photo: listPhoto,
};

export const AUTHOR_EXAMPLES: Record<string, unknown> = {
  AuthorCreate: {
    slug: author.slug,
    name: author.name,
    title: author.title,
    bio: author.bio,
    photo: { mediaId: photo.mediaId },
    links: author.links,
    guest: false,
  },
  AuthorPatch: { title: 'Chief city hall reporter' },
  AuthorLink: author.links[0],
  AuthorPhoto: photo,
  Author: author,
  PublicAuthor: publicAuthor,
  AuthorStory: story,
  ArticleAuthor: articleAuthor,
};
