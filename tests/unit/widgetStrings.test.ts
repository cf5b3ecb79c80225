import { describe, expect, it } from 'vitest';
import { EN, stringsFor, translator } from '../../web/embed/strings.ts';

// The widget's one string table: a language by its tag, plural forms by its rules, and a
// newsroom's own strings over the built-in ones.
describe('the comments widget strings', () => {
  it('picks a built-in language by its primary subtag, English otherwise', () => {
    expect(stringsFor('fr-CA').post).toBe('Publier');
    expect(stringsFor('FR').post).toBe('Publier');
    expect(stringsFor('de').post).toBe(EN.post);
    expect(stringsFor('').post).toBe(EN.post);
  });

  it('chooses plural forms by the language’s rules and fills in placeholders', () => {
    const en = translator(stringsFor('en'), 'en');
    expect(en('count_other', { n: 1 })).toBe('1 comment');
    expect(en('count_other', { n: 1234 })).toBe('1,234 comments');
    expect(en('showReplies_other', { n: 2 })).toBe('Show 2 replies');
    expect(en('replyTo', { name: 'Wren' })).toBe('Reply to Wren');
    const fr = translator(stringsFor('fr'), 'fr');
    // French counts 0 and 1 as singular.
    expect(fr('count_other', { n: 0 })).toBe('0 commentaire');
    expect(fr('count_other', { n: 2 })).toBe('2 commentaires');
  });

  it('lays a newsroom’s strings over the built-in ones, ignoring unknown keys and non-text', () => {
    const own = stringsFor('de', {
      heading: 'Kommentare',
      count_one: '{n} Kommentar',
      count_other: '{n} Kommentare',
      nonsense: 'x',
      post: 42,
    } as never);
    const de = translator(own, 'de');
    expect(de('heading')).toBe('Kommentare');
    expect(de('count_other', { n: 1 })).toBe('1 Kommentar');
    expect(de('count_other', { n: 3 })).toBe('3 Kommentare');
    expect(own.post).toBe(EN.post);
    expect('nonsense' in own).toBe(false);
  });
});
