/**
 * The desk's pre-publish check: what a story still lacks before it goes live. Warnings, never
 * refusals: the API publishes a story without them (a breaking story goes up first and is dressed
 * after), but the console shows them beside Publish and the API reports the same list
 * (GET /v1/admin/articles/{id}/checks), because both call this one function.
 */

/** Headlines longer than this are cut in search results, feeds and social cards. */
export const HEADLINE_WARN_LENGTH = 110;

export const DESK_WARNING_CODES = [
  'lead-image-missing',
  'lead-image-alt-missing',
  'section-missing',
  'meta-description-missing',
  'headline-too-long',
] as const;
export type DeskWarningCode = (typeof DESK_WARNING_CODES)[number];

export interface DeskWarning {
  code: DeskWarningCode;
  /** The field it is about, as the API names it (title, section, leadImage, seo.metaDescription). */
  field: string;
  message: string;
}

/** What the check reads of an article: its content as stored, sent or being edited. */
export interface CheckedContent {
  readonly title: string;
  readonly section: string;
  readonly leadImage: { readonly mediaId: string; readonly alt?: string | undefined } | null;
  readonly seo?: { readonly metaDescription?: string | undefined } | undefined;
}

/**
 * The warnings for `content`. `libraryAlt` is the alt text the media library keeps for the lead
 * image (it applies when the article sets none): undefined while unknown, so nothing is claimed
 * about an image not read yet.
 */
export function prePublishWarnings(content: CheckedContent, libraryAlt?: string | null): DeskWarning[] {
  const warnings: DeskWarning[] = [];
  const title = content.title.trim();
  if (!content.leadImage) {
    warnings.push({
      code: 'lead-image-missing',
      field: 'leadImage',
      message: 'No lead image: lists and shared links show the story without a picture.',
    });
  } else if (!content.leadImage.alt?.trim() && libraryAlt !== undefined && !libraryAlt?.trim()) {
    warnings.push({
      code: 'lead-image-alt-missing',
      field: 'leadImage.alt',
      message: 'The lead image has no alternative text: screen reader users get nothing for it.',
    });
  }
  if (!content.section.trim()) {
    warnings.push({
      code: 'section-missing',
      field: 'section',
      message: 'No section: the story is filed nowhere.',
    });
  }
  if (!content.seo?.metaDescription?.trim()) {
    warnings.push({
      code: 'meta-description-missing',
      field: 'seo.metaDescription',
      message: 'No meta description: search engines will pick a snippet themselves.',
    });
  }
  const length = [...title].length;
  if (length > HEADLINE_WARN_LENGTH) {
    warnings.push({
      code: 'headline-too-long',
      field: 'title',
      message: `The headline is ${length} characters; over ${HEADLINE_WARN_LENGTH} it is cut in search results and feeds.`,
    });
  }
  return warnings;
}
