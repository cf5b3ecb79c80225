import { DEFAULT_PAYWALL_SELECTOR } from '../access.ts';
import type { SiteSettings } from './site.ts';

export { DEFAULT_PAYWALL_SELECTOR };

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
  paywallSelector: DEFAULT_PAYWALL_SELECTOR,
  authorPath: '/author/{slug}',
  updatedAt: null,
  updatedBy: null,
};
