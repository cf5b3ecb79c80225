import { describe, expect, it } from 'vitest';
import { CENTRE, CROP_RATIO_NAMES, CROP_RATIOS } from '../../shared/schemas/cropFacts.ts';
import { cropRect, focalTag, roundFocal } from '../../shared/services/media/cropGeometry.ts';

const inside = (w: number, h: number, r: { left: number; top: number; width: number; height: number }) =>
  r.left >= 0 &&
  r.top >= 0 &&
  r.width >= 1 &&
  r.height >= 1 &&
  r.left + r.width <= w &&
  r.top + r.height <= h;

describe('cropRect', () => {
  it('cuts the largest rectangle of the ratio, centred on a centred focal point', () => {
    expect(cropRect(4000, 3000, '16:9', CENTRE)).toEqual({ left: 0, top: 375, width: 4000, height: 2250 });
    expect(cropRect(4000, 3000, '1:1', CENTRE)).toEqual({ left: 500, top: 0, width: 3000, height: 3000 });
    expect(cropRect(4000, 3000, '4:5', CENTRE)).toEqual({ left: 800, top: 0, width: 2400, height: 3000 });
    expect(cropRect(4000, 3000, '1.91:1', CENTRE)).toEqual({ left: 0, top: 453, width: 4000, height: 2094 });
  });

  it('follows the focal point, and stops at the edges', () => {
    // A face a quarter of the way in: the square moves left, its centre on the point.
    expect(cropRect(4000, 3000, '1:1', { x: 0.4, y: 0.5 })).toEqual({
      left: 100,
      top: 0,
      width: 3000,
      height: 3000,
    });
    // Points at the corners put the rectangle against those edges, never outside.
    expect(cropRect(4000, 3000, '1:1', { x: 0, y: 0 })).toEqual({
      left: 0,
      top: 0,
      width: 3000,
      height: 3000,
    });
    expect(cropRect(4000, 3000, '1:1', { x: 1, y: 1 })).toEqual({
      left: 1000,
      top: 0,
      width: 3000,
      height: 3000,
    });
    expect(cropRect(4000, 3000, '16:9', { x: 1, y: 1 })).toEqual({
      left: 0,
      top: 750,
      width: 4000,
      height: 2250,
    });
    expect(cropRect(4000, 3000, '16:9', { x: 0.5, y: 0 })).toEqual({
      left: 0,
      top: 0,
      width: 4000,
      height: 2250,
    });
  });

  it('keeps tiny and panoramic images inside their bounds, at least one pixel', () => {
    expect(cropRect(1, 1, '16:9', CENTRE)).toEqual({ left: 0, top: 0, width: 1, height: 1 });
    expect(cropRect(3, 2, '4:5', { x: 1, y: 0 })).toEqual({ left: 1, top: 0, width: 2, height: 2 });
    // A 40:1 panorama: every ratio takes its full height, cut around the point.
    expect(cropRect(8000, 200, '4:5', { x: 0.9, y: 0.5 })).toEqual({
      left: 7120,
      top: 0,
      width: 160,
      height: 200,
    });
    expect(cropRect(8000, 200, '16:9', { x: 0, y: 0.5 })).toEqual({
      left: 0,
      top: 0,
      width: 356,
      height: 200,
    });
    // A very tall strip.
    expect(cropRect(100, 5000, '1.91:1', { x: 0.5, y: 1 })).toEqual({
      left: 0,
      top: 4948,
      width: 100,
      height: 52,
    });
  });

  it('is the ratio asked for (to a pixel) and inside the image, whatever the point', () => {
    for (const [w, h] of [
      [1, 1],
      [7, 3],
      [640, 480],
      [1920, 1080],
      [1080, 1350],
      [10000, 90],
      [90, 10000],
    ] as const) {
      for (const ratio of CROP_RATIO_NAMES) {
        for (const x of [0, 0.001, 0.37, 0.5, 0.999, 1]) {
          for (const y of [0, 0.25, 1]) {
            const rect = cropRect(w, h, ratio, { x, y });
            expect(inside(w, h, rect), `${w}x${h} ${ratio} at ${x},${y}`).toBe(true);
            const [rw, rh] = CROP_RATIOS[ratio];
            // One side is the image's whole side; the other is the ratio's, rounded.
            expect(rect.width === w || rect.height === h).toBe(true);
            if (rect.width > 2 && rect.height > 2)
              expect(Math.abs(rect.width / rect.height - rw / rh)).toBeLessThan(
                2 / Math.min(rect.width, rect.height),
              );
          }
        }
      }
    }
  });
});

describe('focal point keys', () => {
  it('rounds to a thousandth, so the same click names the same files', () => {
    expect(roundFocal({ x: 0.12345, y: 0.9999 })).toEqual({ x: 0.123, y: 1 });
    expect(focalTag({ x: 0.5, y: 1 / 3 })).toBe('500-333');
    expect(focalTag({ x: 0, y: 1 })).toBe('0-1000');
  });
});
