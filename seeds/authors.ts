import type { AuthorCreate } from '../shared/schemas/author.ts';

/**
 * Sample author records. The seeded stories bylined with one of these names name the record too
 * (seeds/load.ts); the other bylines stay free text, as a one-off contributor's would.
 */
export const SEED_AUTHORS: readonly AuthorCreate[] = [
  {
    slug: 'maren-holloway',
    name: 'Maren Holloway',
    title: 'City hall reporter',
    bio: 'Maren covers the council, planning and the parks department. Before the Courier she spent six years on the night desk of a regional wire.',
    links: [{ label: 'Newsletter', url: 'https://courier.example.org/newsletters/city-hall' }],
    guest: false,
  },
  {
    slug: 'tomasz-reeve',
    name: 'Tomasz Reeve',
    title: 'Transport correspondent',
    bio: 'Tomasz writes about trams, buses, bridges and the people who wait for them.',
    links: [],
    guest: false,
  },
  {
    slug: 'priya-castellan',
    name: 'Priya Castellan',
    title: 'Health and science',
    bio: 'Priya reports on hospitals, public health and the science behind the headlines.',
    links: [],
    guest: false,
  },
  {
    slug: 'lena-ostrowska',
    name: 'Lena Ostrowska',
    title: 'Contributing writer',
    bio: 'Lena is a harbour pilot who writes now and then about the working waterfront.',
    links: [],
    guest: true,
  },
];
