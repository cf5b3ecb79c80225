import { EXAMPLES as ARTICLE_AND_COMMENT_EXAMPLES } from './examples.ts';
import { FRONT_EXAMPLES } from './frontExamples.ts';
import { LIVE_EXAMPLES } from './liveExamples.ts';
import { MEDIA_EXAMPLES } from './mediaExamples.ts';
import { TAXONOMY_EXAMPLES } from './taxonomyExamples.ts';

/** Every example of the document, by schema name: the sample content's, fronts', live coverage's, the media library's and sections' and tags'. */
export const EXAMPLES: Record<string, unknown> = {
  ...ARTICLE_AND_COMMENT_EXAMPLES,
  ...FRONT_EXAMPLES,
  ...LIVE_EXAMPLES,
  ...MEDIA_EXAMPLES,
  ...TAXONOMY_EXAMPLES,
};
