import { keys, pad } from './keys.ts';

/** The media library's keys on the content table (see the table's layout in ./keys.ts). */
const MEDIA_PARTITION = 'MEDIA';
const MEDIA_PREFIX = 'MEDIA#';
const articlePartition = keys.articlePartition;

export const mediaKeys = {
  media: (id: string) => ({ pk: MEDIA_PARTITION, sk: `${MEDIA_PREFIX}${id}` }),
  mediaPartition: MEDIA_PARTITION,
  mediaPrefix: MEDIA_PREFIX,
  mediaUse: (mediaId: string, articleId: string) => ({
    pk: `MEDIAUSE#${mediaId}`,
    sk: `${articlePartition(articleId)}`,
  }),
  mediaUsePartition: (mediaId: string) => `MEDIAUSE#${mediaId}`,
  mediaWords: (mediaId: string, version: number) => ({
    pk: `MEDIAWORDS#${mediaId}`,
    sk: `V#${pad(version, 8)}`,
  }),
  mediaWordsPartition: (mediaId: string) => `MEDIAWORDS#${mediaId}`,
} as const;
