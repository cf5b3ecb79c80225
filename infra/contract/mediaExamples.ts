import type { Media } from '../../shared/schemas/media.ts';
import { originalKey, renditionKey, uploadKey, urlOf } from '../../shared/services/media/layout.ts';
import { withCrops } from './cropExamples.ts';

/** The media library's examples: one ready image, its registration and its upload. */
const MEDIA_ID = '01KAX4C7M2D5F8H1J4K6N9P3QR';
const MEDIA_DIGEST = '9f2c41d07a3be518';
const rendition = (width: number) => {
  const key = renditionKey(MEDIA_ID, MEDIA_DIGEST, width);
  return { width, height: Math.round((width * 2) / 3), key, url: `/${key}` };
};
export const media: Media = withCrops({
  id: MEDIA_ID,
  status: 'ready',
  type: 'image/jpeg',
  width: 3000,
  height: 2000,
  bytes: 2_481_337,
  alt: 'Plane trees along the tram route in Linden Park',
  caption: 'The 14 trees the papers list stand on the park side of the avenue.',
  credit: 'Mara Quist / Harbour Courier',
  licence: 'All rights reserved',
  fileName: 'harbour-wall-storm.jpg',
  uploadedBy: 'dev-author',
  createdAt: '2026-11-24T02:05:00.000Z',
  updatedAt: '2026-11-24T02:05:04.000Z',
  version: 2,
  original: urlOf(originalKey(MEDIA_ID, MEDIA_DIGEST)),
  renditions: [320, 640, 1280, 2048].map(rendition),
  failure: null,
});

export const MEDIA_EXAMPLES: Record<string, unknown> = {
  MediaCreate: {
    contentType: 'image/jpeg',
    bytes: 2_481_337,
    alt: media.alt,
    caption: media.caption,
    credit: media.credit,
    licence: media.licence,
  },
  MediaPatch: { alt: 'Fourteen plane trees along the avenue in Linden Park' },
  Media: media,
  MediaUpload: {
    media: {
      ...media,
      status: 'pending',
      type: null,
      width: null,
      height: null,
      bytes: null,
      version: 1,
      updatedAt: media.createdAt,
      original: null,
      renditions: [],
    },
    upload: {
      url: 'https://newsroom-dev-media.s3.eu-west-1.amazonaws.com/',
      fields: {
        'Content-Type': 'image/jpeg',
        'Cache-Control': 'public, max-age=31536000, immutable',
        bucket: 'newsroom-dev-media',
        'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
        'X-Amz-Credential': 'ASIAEXAMPLE/20261124/eu-west-1/s3/aws4_request',
        'X-Amz-Date': '20261124T020500Z',
        key: uploadKey(MEDIA_ID),
        Policy: 'eyJleHBpcmF0aW9uIjoiMjAyNi0xMS0yNFQwMjoyMDowMFoiLCJjb25kaXRpb25zIjpbXX0=',
        'X-Amz-Signature': '5d2c0a4f0e1b7c9a3e6f8d2b4a1c7e9f0b3d5a7c9e1f3b5d7a9c1e3f5b7d9a1c',
      },
      expiresAt: '2026-11-24T02:20:00.000Z',
      maxBytes: 20 * 1024 * 1024,
    },
  },
};
