import { describe, expect, it } from 'vitest';
import { editLock } from '../../shared/desk/editLock.ts';
import { HEADLINE_WARN_LENGTH, prePublishWarnings } from '../../shared/desk/prePublish.ts';
import { READING_WPM, readingMinutes, wordCount } from '../../shared/desk/wordCount.ts';

const spans = (...texts: string[]) => texts.map((text) => ({ text, marks: [] }));

describe('word count of the rich-text body', () => {
  it('counts the words readers read: paragraphs, headings, quotes with their clauses, list items', () => {
    const body = [
      { type: 'heading', level: 2, text: spans('The council ', 'votes') },
      { type: 'paragraph', text: spans('It was a ', 'well-known', ' fact, they didn’t say.') },
      {
        type: 'quote',
        text: 'We will build it',
        before: 'She said',
        after: spans('on Tuesday.'),
        attribution: 'Ann Lee',
      },
      { type: 'list', ordered: false, items: [spans('One item'), 'two items'] },
      {
        type: 'image',
        mediaId: 'X',
        src: '',
        alt: 'a long description that is not read',
        caption: 'Not counted',
      },
      { type: 'embed', url: 'https://example.com/a/b' },
    ];
    // 3 + 8 + (2 + 4 + 2) + (2 + 2): marks split words across spans without splitting the words.
    expect(wordCount(body)).toBe(23);
  });

  it('does not split a word that spans carry in two pieces (a bold part of a word)', () => {
    expect(wordCount([{ type: 'paragraph', text: spans('extra', 'ordinary day') }])).toBe(2);
  });

  it('counts numbers and non-Latin words, not punctuation or empty blocks', () => {
    expect(wordCount([{ type: 'paragraph', text: 'Москва — 3.5 million, 東京 — «yes» !!' }])).toBe(5);
    expect(wordCount([{ type: 'paragraph', text: '' }])).toBe(0);
  });

  it(`reads at ${READING_WPM} words a minute, rounded up, at least a minute for any words`, () => {
    expect(readingMinutes(0)).toBe(0);
    expect(readingMinutes(1)).toBe(1);
    expect(readingMinutes(230)).toBe(1);
    expect(readingMinutes(231)).toBe(2);
    expect(readingMinutes(1150)).toBe(5);
  });
});

describe('pre-publish warnings', () => {
  const complete = {
    title: 'A headline',
    section: 'city',
    leadImage: { mediaId: 'M' },
    seo: { metaDescription: 'What the story says.' },
  };
  const codes = (w: { code: string }[]) => w.map((x) => x.code);

  it('has nothing to say about a complete story', () => {
    expect(prePublishWarnings(complete, 'A council meeting')).toEqual([]);
  });

  it('lists each missing thing with the field it concerns', () => {
    const warnings = prePublishWarnings(
      { title: 'x'.repeat(HEADLINE_WARN_LENGTH + 1), section: ' ', leadImage: null, seo: {} },
      undefined,
    );
    expect(warnings.map((w) => [w.code, w.field])).toEqual([
      ['lead-image-missing', 'leadImage'],
      ['section-missing', 'section'],
      ['meta-description-missing', 'seo.metaDescription'],
      ['headline-too-long', 'title'],
    ]);
    expect(warnings[3]?.message).toContain('111 characters');
  });

  it('a headline of exactly the limit is fine; characters, not UTF-16 units, are counted', () => {
    expect(prePublishWarnings({ ...complete, title: 'é'.repeat(HEADLINE_WARN_LENGTH) }, 'alt')).toEqual([]);
    expect(prePublishWarnings({ ...complete, title: '😀'.repeat(HEADLINE_WARN_LENGTH) }, 'alt')).toEqual([]);
  });

  it('warns of missing alt text only when neither the article nor the library gives any', () => {
    expect(codes(prePublishWarnings(complete, ''))).toEqual(['lead-image-alt-missing']);
    expect(codes(prePublishWarnings(complete, null))).toEqual(['lead-image-alt-missing']);
    expect(prePublishWarnings({ ...complete, leadImage: { mediaId: 'M', alt: 'Own words' } }, '')).toEqual(
      [],
    );
    // The library's words not read yet: nothing is claimed.
    expect(prePublishWarnings(complete, undefined)).toEqual([]);
  });
});

describe('why a story is read-only, from the workflow table', () => {
  it('an editable story has no lock', () => {
    expect(editLock({ status: 'draft', editable: true, availableActions: ['submit'] })).toBeNull();
  });

  it('in review, its author is offered withdraw (the action that leads back to an editable status)', () => {
    expect(editLock({ status: 'in_review', editable: false, availableActions: ['withdraw'] })).toEqual({
      status: 'in_review',
      lockedByStatus: true,
      unlockedBy: ['withdraw'],
    });
  });

  it('an editor on a story in review may unlock it by requesting changes; approve does not unlock', () => {
    expect(
      editLock({
        status: 'in_review',
        editable: false,
        availableActions: ['withdraw', 'request_changes', 'approve'],
      })?.unlockedBy,
    ).toEqual(['withdraw', 'request_changes']);
  });

  it('a scheduled story offers no way back to editing (unschedule leads to approved, itself locked)', () => {
    expect(
      editLock({ status: 'scheduled', editable: false, availableActions: ['unschedule'] })?.unlockedBy,
    ).toEqual([]);
  });
});
