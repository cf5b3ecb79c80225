import {
  ARTICLE_FIELDS,
  type ArticleFieldSpec,
  type BespokeDiffKey,
  CONSOLE_ORDER,
  isTextField,
  type TextFieldKey,
} from '../../shared/schemas/articleFields.ts';
import { PLACEMENTS, type Placement } from '../../shared/schemas/cropFacts.ts';
import type { ArticleInput, BlockInput } from './api.ts';
import { readableMarkup as m } from './markup.ts';

/** How a block reads as text (rich text as the console's markup), for differences and summaries. */
export function blockText(block: BlockInput): string {
  switch (block.type) {
    case 'paragraph':
      return m(block.text);
    case 'heading':
      return `Heading ${block.level}: ${m(block.text)}`;
    case 'quote':
      return [
        block.before ? `${m(block.before)} ` : '',
        `“${m(block.text)}”`,
        block.after ? ` ${m(block.after)}` : '',
        block.attribution ? ` (${block.attribution})` : '',
      ].join('');
    case 'list':
      return block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '•'} ${m(item)}`).join('\n');
    case 'image':
      return `Image ${block.mediaId ? `from the library (${block.mediaId})` : (block.src ?? '')} (alt: ${block.alt || 'the library’s'})${block.caption ? ` ${block.caption}` : ''}`;
    case 'embed':
      return `Embed ${block.url}`;
  }
}

/** A version to compare; a plain text field it does not carry compares as blank. */
export type Comparable = Pick<ArticleInput, 'section' | 'tags' | 'source' | 'body'> &
  Partial<Pick<ArticleInput, TextFieldKey>> & {
    slug?: string;
    seo?: ArticleInput['seo'];
    leadImage?: ArticleInput['leadImage'] | undefined;
    access?: ArticleInput['access'];
    authors?: ArticleInput['authors'];
  };

export interface FieldDiff {
  field: string;
  label: string;
  left: string;
  right: string;
}

/**
 * A library image as its reference says it: the id, and the alt text and caption it sets here
 * (without them the library's own apply), so changing only the alt text shows as a difference.
 */
const image = (ref: { mediaId: string; alt?: string; caption?: string } | null | undefined) => {
  if (!ref) return '';
  const own = [
    ref.alt ? `alt: ${ref.alt}` : 'the library’s alt text',
    ref.caption ? `caption: ${ref.caption}` : '',
  ];
  return `Library image ${ref.mediaId} (${own.filter(Boolean).join('; ')})`;
};
/** The crop a placement shows when this article chose one (docs/crops-console.md); '' for the defaults. */
const placementCrops = (ref: ArticleInput['leadImage'] | undefined) =>
  ref === undefined
    ? undefined
    : PLACEMENTS.flatMap((p) =>
        ref?.crops?.[p] ? [`${PLACEMENT_NAMES[p]} (${p}): ${ref.crops[p]}`] : [],
      ).join('; ');
const PLACEMENT_NAMES: Record<Placement, string> = {
  lead: 'top of the article',
  card: 'teasers',
  social: 'link previews',
};
const yesNo = (value: boolean | undefined) => (value ? 'yes' : 'no');

interface Row {
  field: string;
  label: string;
  show: (c: Comparable) => string | undefined;
}
const labelOf = (key: BespokeDiffKey) => ARTICLE_FIELDS[key].label;

/**
 * The rows of the fields with a shape of their own: its path, its label, and how a version shows it
 * as text. A field a side does not carry (the slug of unsaved text) is compared only when both
 * carry it. The plain text fields' rows are the field table's.
 */
const BESPOKE_ROWS: Record<BespokeDiffKey, Row[]> = {
  slug: [{ field: 'slug', label: labelOf('slug'), show: (c) => c.slug }],
  section: [{ field: 'section', label: labelOf('section'), show: (c) => c.section }],
  tags: [{ field: 'tags', label: labelOf('tags'), show: (c) => (c.tags ?? []).join(', ') }],
  source: [
    {
      field: 'source',
      label: labelOf('source'),
      show: (c) => (c.source ? `${c.source.name}${c.source.url ? ` <${c.source.url}>` : ''}` : ''),
    },
  ],
  leadImage: [
    { field: 'leadImage', label: labelOf('leadImage'), show: (c) => image(c.leadImage) },
    { field: 'leadImage.crops', label: 'Lead image crops', show: (c) => placementCrops(c.leadImage) },
  ],
  access: [{ field: 'access', label: labelOf('access'), show: (c) => c.access }],
  // By slug, in byline order: a reorder is a change readers see.
  authors: [{ field: 'authors', label: labelOf('authors'), show: (c) => c.authors?.join(', ') }],
  seo: [
    { field: 'seo.metaTitle', label: 'Meta title', show: (c) => c.seo?.metaTitle ?? '' },
    { field: 'seo.metaDescription', label: 'Meta description', show: (c) => c.seo?.metaDescription ?? '' },
    { field: 'seo.canonicalUrl', label: 'Canonical URL', show: (c) => c.seo?.canonicalUrl ?? '' },
    { field: 'seo.socialImageUrl', label: 'Social image URL', show: (c) => c.seo?.socialImageUrl ?? '' },
    { field: 'seo.socialImage', label: 'Social image', show: (c) => image(c.seo?.socialImage) },
    { field: 'seo.noindex', label: 'Not indexed', show: (c) => yesNo(c.seo?.noindex) },
  ],
  // Compared block by block, after every other field (diffContent).
  body: [],
};

/** Each compared field once, in the field table's console order (the form's). */
export const DIFF_ROWS: readonly Row[] = CONSOLE_ORDER.flatMap((key): Row[] => {
  const spec: ArticleFieldSpec = ARTICLE_FIELDS[key];
  if (isTextField(spec)) {
    const name = key as TextFieldKey;
    return [{ field: name, label: spec.label, show: (c) => c[name] ?? '' }];
  }
  return spec.diff === 'bespoke' ? BESPOKE_ROWS[key as BespokeDiffKey] : [];
});

/** Field by field, what differs between two versions of an article's content (body block by block). */
export function diffContent(left: Comparable, right: Comparable): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  for (const { field, label, show } of DIFF_ROWS) {
    const a = show(left);
    const b = show(right);
    if (a === undefined || b === undefined) continue;
    if (a !== b) diffs.push({ field, label, left: a, right: b });
  }
  const blocks = Math.max(left.body.length, right.body.length);
  for (let i = 0; i < blocks; i++) {
    const a = left.body[i];
    const b = right.body[i];
    const at = a ? blockText(a) : '';
    const bt = b ? blockText(b) : '';
    if (at !== bt)
      diffs.push({
        field: `body.${i}`,
        label: `Body block ${i + 1}`,
        left: at || '(none)',
        right: bt || '(none)',
      });
  }
  return diffs;
}
