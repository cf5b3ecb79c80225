import type { SiteSettings } from './site.ts';

/**
 * Until an admin saves them: obviously placeholder links, the common path shape. Apart from the
 * schema (./site.ts), so the functions that only read settings bundle no zod for them.
 */
export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  baseUrl: 'https://www.example.com',
  articlePath: '/{section}/{slug}',
  publicationName: 'Newsroom',
  language: 'en',
  fullBodyInFeeds: false,
  authorPath: '/author/{slug}',
  updatedAt: null,
  updatedBy: null,
};
