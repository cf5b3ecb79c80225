import { isAdmin, type Principal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import { ForbiddenError } from '../errors.ts';
import type { SiteSettings, SiteSettingsInput } from '../schemas/site.ts';
import { DEFAULT_PAYWALL_SELECTOR, DEFAULT_SITE_SETTINGS } from '../schemas/siteDefaults.ts';
import type { SiteSettingsStore } from '../store/siteSettingsStore.ts';

/** The admin side of the site settings: read them (defaults until saved), replace them. */
export function createSiteSettings(deps: { store: SiteSettingsStore; clock: Clock }) {
  const adminOnly = (principal: Principal) => {
    // The route allows admins only; the service says so too, whoever calls it.
    if (!isAdmin(principal)) throw new ForbiddenError('Only admins may read or change the site settings.');
  };
  return {
    async get(principal: Principal): Promise<SiteSettings> {
      adminOnly(principal);
      return (await deps.store.get()) ?? DEFAULT_SITE_SETTINGS;
    },
    async put(principal: Principal, input: SiteSettingsInput): Promise<SiteSettings> {
      adminOnly(principal);
      const { mediaBaseUrl, paywallSelector, ...rest } = input;
      const settings: SiteSettings = {
        ...rest,
        paywallSelector: paywallSelector ?? DEFAULT_PAYWALL_SELECTOR,
        ...(mediaBaseUrl ? { mediaBaseUrl } : {}),
        updatedAt: deps.clock.now().toISOString(),
        updatedBy: principal.sub,
      };
      await deps.store.put(settings);
      return settings;
    },
  };
}
