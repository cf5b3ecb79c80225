import { SiteSettingsSchema } from '../../schemas/site.ts';
import { ADMIN, type RouteDefinition } from './define.ts';

// biome-ignore format: one route per entry reads as a table
export const SITE_SETTINGS_ROUTES = [
  {
    id: 'getSiteSettings', method: 'GET', path: '/v1/admin/settings/site', fn: 'editorial', access: ADMIN, tag: 'settings',
    summary: 'The site settings',
    description: 'Admins only. Where articles live on the site (baseUrl, articlePath), the publication name and language, whether feeds carry whole bodies, and where image paths resolve. The defaults (updatedAt null) until an admin saves them.',
    ok: { status: 200, description: 'The settings in force', schema: 'SiteSettingsView' },
  },
  {
    id: 'putSiteSettings', method: 'PUT', path: '/v1/admin/settings/site', fn: 'editorial', access: ADMIN, tag: 'settings',
    summary: 'Change the site settings',
    description: 'Admins only. Replaces the settings. Public reads apply them within 30 seconds (each container keeps its copy that long); answers the CDN already holds (feeds, sitemaps, articles\' jsonLd) follow when they are next purged or expire (an hour at most).',
    body: SiteSettingsSchema,
    ok: { status: 200, description: 'The new settings', schema: 'SiteSettingsView' },
  },
] as const satisfies readonly RouteDefinition[];
