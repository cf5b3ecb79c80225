import { useRef, useState } from 'preact/hooks';
import type { Article } from '../api.ts';
import { EMPTY_FORM, type FormState, formOf, inputOf, UNSAVED } from './articleForm.ts';

/**
 * The article form's state, in one place: the article as last read or saved, its ETag, the fields
 * as the editor has them (./articleForm.ts), and whether they differ from what was read.
 */
const same = (a: FormState, b: FormState) => JSON.stringify(inputOf(a)) === JSON.stringify(inputOf(b));

/** The form of an article: its fields, what they were read as, and the article and ETag behind them. */
export function useArticleForm() {
  const [article, setArticle] = useState<Article>();
  const [etag, setEtag] = useState<string>();
  const [form, setForm] = useState<FormState>(EMPTY_FORM);
  const [baseline, setBaseline] = useState<FormState>(EMPTY_FORM);
  const dirtyRef = useRef(false);
  dirtyRef.current = !same(form, baseline);

  /** Takes an article as read or saved; its fields replace the form's unless `resetForm` is false. */
  const adopt = (next: Article, nextEtag: string | undefined, resetForm = true) => {
    setArticle(next);
    setEtag(nextEtag ?? `"${next.version}"`);
    if (resetForm) {
      const f = formOf(next);
      setForm(f);
      setBaseline(f);
    }
  };
  const update = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));
  /**
   * Puts an autosaved draft's fields back as unsaved edits, against the version they started from:
   * a save then meets the conflict panel if someone saved since, instead of overwriting them.
   */
  const restore = (fields: Partial<Article>, baseVersion: number) => {
    if (article) {
      setForm(formOf({ ...article, ...fields } as Article));
      setEtag(`"${baseVersion}"`);
      return;
    }
    // A story not saved yet has no article and no version: its fields land on the empty form, and
    // an access left unchosen stays the section's default.
    setForm({ ...formOf({ ...UNSAVED, ...fields } as Article), access: fields.access ?? '' });
  };
  return { article, etag, form, baseline, dirtyRef, adopt, update, restore };
}
