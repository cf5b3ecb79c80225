/**
 * Every word the widget shows, in one table per language. A newsroom overrides any of them (or adds
 * a language) with a JSON script inside the element; see docs/comments-widget.md. `{n}`, `{s}` and
 * `{name}` are filled in; a key with `_one`/`_other` forms is chosen by Intl.PluralRules.
 */
export const EN = {
  heading: 'Comments',
  count_one: '{n} comment',
  count_other: '{n} comments',
  loading: 'Loading comments…',
  loadFailed: 'The comments could not be loaded.',
  retry: 'Try again',
  noComments: 'No comments yet. Be the first to comment.',
  noThread: 'Comments are not available on this story.',
  closed: 'Comments are closed on this story. You can still read them.',
  closesAt: 'Comments close on {s}.',
  featured: 'Featured comments',
  featuredBadge: 'Featured',
  sortLabel: 'Sort by',
  sort_oldest: 'Oldest first',
  sort_newest: 'Newest first',
  sort_replies: 'Most replies',
  sorted: 'Comments sorted: {s}.',
  loadMore: 'Load more comments',
  loaded_one: '{n} more comment loaded.',
  loaded_other: '{n} more comments loaded.',
  showReplies_one: 'Show {n} reply',
  showReplies_other: 'Show {n} replies',
  hideReplies: 'Hide replies',
  moreReplies: 'Load more replies',
  repliesTo: 'Replies to {name}',
  removed: 'This comment was removed by a moderator.',
  removedAuthor: 'Removed',
  reply: 'Reply',
  replyTo: 'Reply to {name}',
  cancel: 'Cancel',
  formHeading: 'Add a comment',
  name: 'Name',
  email: 'Email (optional)',
  emailHint: 'Never shown. Only our moderators see it.',
  body: 'Your comment',
  counter: '{n} of {s} characters',
  post: 'Post comment',
  posting: 'Posting…',
  published: 'Your comment is published.',
  held: 'Your comment is held for review.',
  heldWhy:
    'A moderator reads it before it appears to other readers: some or all comments here are checked first. Until then only you can see it, in this browser.',
  pending: 'Pending review: only you can see this',
  closedNow: 'Comments have just been closed on this story, so your comment was not posted.',
  banned: 'You cannot post or report comments here. If you think this is a mistake, contact the newsroom.',
  tooFast: 'You are posting too fast. Please wait {n} seconds and try again.',
  duplicate: 'You have already posted this comment.',
  gone: 'This story or the comment you are replying to is no longer there.',
  failed: 'Something went wrong. Your text is kept: please try again.',
  fixFields: 'Please check the fields marked below.',
  errName: 'Enter your name (up to 80 characters, plain text).',
  errEmail: 'Enter a valid email address, or leave it empty.',
  errBody: 'Write your comment (up to 2,000 characters, plain text).',
  report: 'Report',
  reportHeading: 'Report this comment by {name}',
  reason: 'Why?',
  reason_spam: 'Spam or advertising',
  reason_abuse: 'Abusive or hateful',
  reason_off_topic: 'Off topic',
  reason_other: 'Something else',
  reportText: 'Tell the moderators more (optional, needed for “something else”)',
  sendReport: 'Send report',
  reported: 'Thank you. The moderators will look at this comment.',
  reportedAlready: 'You have already reported this comment. The moderators have your report.',
  reportGone: 'This comment is no longer shown.',
  reportTooFast: 'You have sent many reports. Please wait {n} seconds.',
  errReason: 'Choose a reason.',
  errReportText: 'Say in a few words what is wrong (up to 500 characters).',
};

export type Strings = Record<keyof typeof EN, string>;

const FR: Strings = {
  heading: 'Commentaires',
  count_one: '{n} commentaire',
  count_other: '{n} commentaires',
  loading: 'Chargement des commentaires…',
  loadFailed: 'Les commentaires n’ont pas pu être chargés.',
  retry: 'Réessayer',
  noComments: 'Aucun commentaire pour l’instant. Soyez le premier à commenter.',
  noThread: 'Les commentaires ne sont pas disponibles pour cet article.',
  closed: 'Les commentaires sont fermés pour cet article. Vous pouvez toujours les lire.',
  closesAt: 'Les commentaires ferment le {s}.',
  featured: 'Commentaires à la une',
  featuredBadge: 'À la une',
  sortLabel: 'Trier par',
  sort_oldest: 'Plus anciens',
  sort_newest: 'Plus récents',
  sort_replies: 'Plus de réponses',
  sorted: 'Commentaires triés : {s}.',
  loadMore: 'Afficher plus de commentaires',
  loaded_one: '{n} commentaire de plus affiché.',
  loaded_other: '{n} commentaires de plus affichés.',
  showReplies_one: 'Afficher {n} réponse',
  showReplies_other: 'Afficher {n} réponses',
  hideReplies: 'Masquer les réponses',
  moreReplies: 'Afficher plus de réponses',
  repliesTo: 'Réponses à {name}',
  removed: 'Ce commentaire a été retiré par un modérateur.',
  removedAuthor: 'Retiré',
  reply: 'Répondre',
  replyTo: 'Répondre à {name}',
  cancel: 'Annuler',
  formHeading: 'Ajouter un commentaire',
  name: 'Nom',
  email: 'E-mail (facultatif)',
  emailHint: 'Jamais affiché. Seuls nos modérateurs le voient.',
  body: 'Votre commentaire',
  counter: '{n} sur {s} caractères',
  post: 'Publier',
  posting: 'Publication…',
  published: 'Votre commentaire est publié.',
  held: 'Votre commentaire est en attente de modération.',
  heldWhy:
    'Un modérateur le lit avant qu’il apparaisse aux autres lecteurs : une partie ou la totalité des commentaires est vérifiée d’abord. D’ici là, vous seul le voyez, dans ce navigateur.',
  pending: 'En attente de modération : vous seul le voyez',
  closedNow: 'Les commentaires viennent d’être fermés : votre commentaire n’a pas été publié.',
  banned:
    'Vous ne pouvez pas publier ni signaler de commentaires ici. S’il s’agit d’une erreur, contactez la rédaction.',
  tooFast: 'Vous publiez trop vite. Attendez {n} secondes et réessayez.',
  duplicate: 'Vous avez déjà publié ce commentaire.',
  gone: 'Cet article ou le commentaire auquel vous répondez n’existe plus.',
  failed: 'Une erreur est survenue. Votre texte est conservé : réessayez.',
  fixFields: 'Vérifiez les champs signalés ci-dessous.',
  errName: 'Indiquez votre nom (80 caractères au plus, texte simple).',
  errEmail: 'Indiquez une adresse e-mail valide, ou laissez le champ vide.',
  errBody: 'Écrivez votre commentaire (2 000 caractères au plus, texte simple).',
  report: 'Signaler',
  reportHeading: 'Signaler ce commentaire de {name}',
  reason: 'Pourquoi ?',
  reason_spam: 'Spam ou publicité',
  reason_abuse: 'Injurieux ou haineux',
  reason_off_topic: 'Hors sujet',
  reason_other: 'Autre chose',
  reportText: 'Précisez aux modérateurs (facultatif, nécessaire pour « autre chose »)',
  sendReport: 'Envoyer le signalement',
  reported: 'Merci. Les modérateurs examineront ce commentaire.',
  reportedAlready: 'Vous avez déjà signalé ce commentaire. Les modérateurs ont votre signalement.',
  reportGone: 'Ce commentaire n’est plus affiché.',
  reportTooFast: 'Vous avez envoyé beaucoup de signalements. Attendez {n} secondes.',
  errReason: 'Choisissez une raison.',
  errReportText: 'Dites en quelques mots ce qui ne va pas (500 caractères au plus).',
};

/** The built-in languages, by primary subtag. */
export const BUILT_IN: Readonly<Record<string, Strings>> = { en: EN, fr: FR };

/** The table for a language tag (`fr-CA` uses `fr`), English for any other, with overrides on top. */
export function stringsFor(lang: string, overrides: Partial<Strings> = {}): Strings {
  const base = BUILT_IN[lang.toLowerCase().split('-')[0] ?? ''] ?? EN;
  const own: Partial<Strings> = {};
  for (const [key, value] of Object.entries(overrides)) {
    if (key in EN && typeof value === 'string') own[key as keyof Strings] = value;
  }
  return { ...base, ...own };
}

export type Translate = (key: keyof Strings, vars?: { n?: number; s?: string; name?: string }) => string;

/** A translator over a table: plural forms by the language's rules, placeholders filled in. */
export function translator(table: Strings, lang: string): Translate {
  const plurals = new Intl.PluralRules(lang);
  return (key, vars = {}) => {
    let text: string = table[key];
    if (vars.n !== undefined && key.endsWith('_other')) {
      const stem = key.slice(0, -'_other'.length);
      const form = `${stem}_${plurals.select(vars.n)}`;
      if (form in table) text = table[form as keyof Strings];
    }
    return text.replace(/\{(n|s|name)\}/g, (_, name: 'n' | 's' | 'name') =>
      name === 'n' ? (vars.n ?? 0).toLocaleString(lang) : (vars[name] ?? ''),
    );
  };
}
