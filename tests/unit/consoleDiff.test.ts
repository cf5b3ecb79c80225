import { describe, expect, it } from 'vitest';
import { type Comparable, diffContent } from '../../web/src/diff.ts';

/** The console's revision comparison (history screen, unsaved changes): what an editor reads. */
const base: Comparable = {
  title: 'Quay works',
  standfirst: '',
  section: 'city',
  tags: [],
  byline: '',
  source: null,
  body: [{ type: 'paragraph', text: [{ text: 'The quay closes.', marks: [] }] }],
  leadImage: { mediaId: '01JD0000000000000000000000' },
};

describe('the console diff of a lead image', () => {
  it('shows a change of its alt text or caption alone, not only a different image', () => {
    const diffs = diffContent(base, {
      ...base,
      leadImage: {
        mediaId: '01JD0000000000000000000000',
        alt: 'Cranes over the quay',
        caption: 'Work began Monday.',
      },
    });
    expect(diffs).toEqual([
      {
        field: 'leadImage',
        label: 'Lead image',
        left: 'Library image 01JD0000000000000000000000 (the library’s alt text)',
        right:
          'Library image 01JD0000000000000000000000 (alt: Cranes over the quay; caption: Work began Monday.)',
      },
    ]);
  });

  it('shows a change of the crop a placement shows in this article alone', () => {
    const diffs = diffContent(base, {
      ...base,
      leadImage: { mediaId: '01JD0000000000000000000000', crops: { card: '4:5' } },
    });
    expect(diffs).toEqual([
      { field: 'leadImage.crops', label: 'Lead image crops', left: '', right: 'teasers (card): 4:5' },
    ]);
  });

  it('shows none when nothing about it changed, and an empty side when it was removed', () => {
    expect(diffContent(base, { ...base })).toEqual([]);
    expect(diffContent(base, { ...base, leadImage: null })[0]?.right).toBe('');
  });
});

describe('the console diff of the authors', () => {
  it('shows an author added, removed or moved in the byline order, by slug', () => {
    const two = { ...base, authors: ['maren-holloway', 'idris-vale'] };
    expect(diffContent(two, { ...two, authors: ['idris-vale', 'maren-holloway'] })).toEqual([
      {
        field: 'authors',
        label: 'Authors',
        left: 'maren-holloway, idris-vale',
        right: 'idris-vale, maren-holloway',
      },
    ]);
    expect(diffContent(two, { ...two, authors: ['maren-holloway'] })[0]?.right).toBe('maren-holloway');
    expect(diffContent(two, { ...two })).toEqual([]);
  });
});
