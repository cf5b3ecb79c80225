import { EXAMPLES as ARTICLE_AND_COMMENT_EXAMPLES } from './examples.ts';
import { LIVE_EXAMPLES } from './liveExamples.ts';

/** Every example of the document, by schema name: the sample content's and live coverage's. */
export const EXAMPLES: Record<string, unknown> = { ...ARTICLE_AND_COMMENT_EXAMPLES, ...LIVE_EXAMPLES };
