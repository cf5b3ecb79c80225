import { describe, expect, it } from 'vitest';
import { renditionWidths } from '../../shared/services/media/renditions.ts';

describe('rendition widths', () => {
  it('keeps an image between two standard widths at its own width, never upscaled', () => {
    expect(renditionWidths(1200)).toEqual([320, 640, 1200]);
    expect(renditionWidths(1500)).toEqual([320, 640, 1280, 1500]);
  });

  it('stops at the widest standard width for large photographs', () => {
    expect(renditionWidths(2048)).toEqual([320, 640, 1280, 2048]);
    expect(renditionWidths(6000)).toEqual([320, 640, 1280, 2048]);
  });

  it('gives a small image one rendition at its own width', () => {
    expect(renditionWidths(200)).toEqual([200]);
    expect(renditionWidths(320)).toEqual([320]);
  });
});
