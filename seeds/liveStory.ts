import type { SeedArticle } from './types.ts';

/**
 * The sample live coverage: a storm reaching Port Aldry, told by two reporters (the local authors
 * dev-author and dev-author-2, the coverage's contributors), the advice pinned and two key events
 * marked. Every name and place is invented.
 */
export const LIVE_STORY: SeedArticle = {
  author: 'dev-author',
  at: '2026-11-22T05:30:00.000Z',
  state: 'published',
  content: {
    title: 'Storm Brannock live: harbour closed and Skerrin ferries cancelled as gales reach the coast',
    section: 'city',
    standfirst:
      'Gusts of up to 78mph are forecast along the Port Aldry coast until Sunday evening. Follow our reporters at the harbour and in the city centre.',
    byline: 'Maren Holloway',
    tags: ['storm-brannock', 'weather', 'transport'],
    commentsEnabled: true,
    body: [
      {
        type: 'paragraph',
        text: 'An amber wind warning covers Port Aldry and the Vell estuary from 6am until 9pm. The harbour master has closed the outer harbour, all Skerrin Island sailings are cancelled, and the council asks people to avoid the seafront.',
      },
      {
        type: 'quote',
        text: 'Nothing is worth a photograph on the harbour wall today. Stay back from the seafront until the warning is lifted.',
        attribution: 'Ingrid Salo, Port Aldry harbour master',
      },
      {
        type: 'paragraph',
        text: 'Our latest updates are below, newest first.',
      },
    ],
  },
};
