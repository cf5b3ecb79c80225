/** What a new slug does, said where it is typed (the slug field's hint). */
export const renameNote = (kind: 'section' | 'tag', slug: string) =>
  `Changing it renames the ${kind}: the old address /v1/${kind}s/${slug} keeps answering with a 301 redirect to the new one, so links stay good. Stories carrying the old slug take the new one when next saved.`;
