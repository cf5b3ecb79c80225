import * as z from 'zod/mini';
import { fillPreviewUrl } from '../preview.ts';

/** Where editors' Preview button goes (kept apart from ./article.ts, which re-exports it). */
const previewUrlTemplate = z.string().check(
  z.maxLength(1024, 'must be at most 1024 characters'),
  z.refine(
    (value: string) => !/[{}]/.test(value.replaceAll('{token}', '').replaceAll('{slug}', '')),
    'may hold only the placeholders {token} and {slug}',
  ),
  z.refine((value: string) => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    if (/[\u0000-\u0020\u007f]/.test(value)) return false;
    try {
      const url = new URL(fillPreviewUrl(value, { token: 'token', slug: 'slug' }));
      return url.protocol === 'https:' && url.hostname.length > 0 && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'must be an absolute https URL, e.g. https://www.example.com/preview/{slug}?token={token}'),
);

export const PreviewSettingsSchema = z
  .strictObject({
    /**
     * The newsroom's own frontend page for a preview, e.g.
     * https://www.example.com/preview/{slug}?token={token}; null (or empty, stored as null) for the
     * CMS's own page.
     */
    previewUrl: z.nullable(z.union([z.literal(''), previewUrlTemplate])),
  })
  .register(z.globalRegistry, {
    id: 'PreviewSettings',
    description:
      "Where editors' Preview button goes. previewUrl: an https URL template for the newsroom's own frontend, with {token} (the preview token, to read GET /v1/preview/{token}) and {slug} where wanted, both optional; null or empty for the CMS's own preview page.",
  });
export type PreviewSettings = z.infer<typeof PreviewSettingsSchema>;
