import type { ArticleInput, BlockInput } from './api.ts';
import { spansToMarkup as m } from './markup.ts';

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
      return `Image ${block.src} (alt: ${block.alt})${block.caption ? ` ${block.caption}` : ''}`;
    case 'embed':
      return `Embed ${block.url}`;
  }
}

export type Comparable = Pick<
  ArticleInput,
  'title' | 'standfirst' | 'section' | 'tags' | 'byline' | 'source' | 'body'
> & {
  slug?: string;
  seo?: ArticleInput['seo'];
};

export interface FieldDiff {
  field: string;
  label: string;
  left: string;
  right: string;
}

/** Field by field, what differs between two versions of an article's content (body block by block). */
export function diffContent(left: Comparable, right: Comparable): FieldDiff[] {
  const text = (value: Comparable, field: string): string => {
    switch (field) {
      case 'tags':
        return value.tags.join(', ');
      case 'source':
        return value.source ? `${value.source.name}${value.source.url ? ` <${value.source.url}>` : ''}` : '';
      default:
        return String((value as unknown as Record<string, unknown>)[field] ?? '');
    }
  };
  const fields: [string, string][] = [
    ['title', 'Title'],
    ['slug', 'Slug'],
    ['standfirst', 'Standfirst'],
    ['section', 'Section'],
    ['tags', 'Tags'],
    ['byline', 'Byline'],
    ['source', 'Source'],
  ];
  const diffs: FieldDiff[] = [];
  for (const [field, label] of fields) {
    if (field === 'slug' && (left.slug === undefined || right.slug === undefined)) continue;
    const a = text(left, field);
    const b = text(right, field);
    if (a !== b) diffs.push({ field, label, left: a, right: b });
  }
  const seo: [keyof NonNullable<Comparable['seo']>, string][] = [
    ['metaTitle', 'Meta title'],
    ['metaDescription', 'Meta description'],
    ['canonicalUrl', 'Canonical URL'],
    ['socialImageUrl', 'Social image URL'],
    ['socialImage', 'Social image (media library)'],
    ['noindex', 'Not indexed'],
  ];
  for (const [field, label] of seo) {
    const show = (value: Comparable) => {
      const v = value.seo?.[field];
      if (typeof v === 'object' && v !== null) return v.mediaId;
      return typeof v === 'boolean' || field === 'noindex' ? (v ? 'yes' : 'no') : (v ?? '');
    };
    const a = show(left);
    const b = show(right);
    if (a !== b) diffs.push({ field: `seo.${field}`, label, left: a, right: b });
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
