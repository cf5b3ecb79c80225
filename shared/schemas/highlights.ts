import * as z from 'zod/mini';

/**
 * The texts of a list item in which a search (`q`) found words, by field name, each as pieces of
 * plain text in order (joined, the field's whole text); pieces with match true are the words
 * found, to highlight. Never markup. Fields without a word found are absent.
 */
export const HighlightsSchema = z
  .record(z.string(), z.array(z.object({ text: z.string(), match: z.boolean() })))
  .register(z.globalRegistry, {
    id: 'Highlights',
    description:
      'Only in a search (q): the fields in which words were found, each as plain-text pieces in order (joined, the whole field); pieces with match true are the words found. Never markup.',
  });
export type Highlights = z.infer<typeof HighlightsSchema>;
