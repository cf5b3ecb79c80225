import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SiteSettings } from '../schemas/site.ts';
import { DEFAULT_PAYWALL_SELECTOR } from '../schemas/siteDefaults.ts';
import { ITEM_TYPES, keys } from './keys.ts';
import { nullableText, optionalText, reader, text } from './parse.ts';
import { getItem } from './query.ts';

/** How long a container trusts site settings it read: a change applies everywhere within this. */
export const SITE_SETTINGS_CACHE_MS = 30_000;

const cache = new Map<string, { settings: SiteSettings | null; readAt: number }>();

const readSettings = reader<SiteSettings>(
  {
    baseUrl: text,
    articlePath: text,
    publicationName: text,
    language: text,
    fullBodyInFeeds: (v) => v === true,
    mediaBaseUrl: optionalText,
    // Settings saved before the selector existed read as the default.
    paywallSelector: (v) => (typeof v === 'string' ? v : DEFAULT_PAYWALL_SELECTOR),
    authorPath: optionalText,
    updatedAt: nullableText,
    updatedBy: nullableText,
  },
  'site settings',
);

/** The site settings item of the content table (keys.siteSettings). */
export class SiteSettingsStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * The settings, or null when never saved. With `maxAgeMs`, a copy this container read or wrote
   * at most that long ago (the public reads); without, a strongly consistent read (the admin form).
   */
  async get(maxAgeMs = 0): Promise<SiteSettings | null> {
    const cached = cache.get(this.tableName);
    if (cached && performance.now() - cached.readAt < maxAgeMs) return cached.settings;
    const item = await getItem(this.db, this.tableName, keys.siteSettings, maxAgeMs === 0);
    const settings = item ? readSettings(item) : null;
    cache.set(this.tableName, { settings, readAt: performance.now() });
    return settings;
  }

  async put(settings: SiteSettings): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.siteSettings, type: ITEM_TYPES.siteSettings, ...settings },
      }),
    );
    cache.set(this.tableName, { settings, readAt: performance.now() });
  }
}
