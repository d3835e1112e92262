import { describe, expect, it } from 'vitest';
import { trayIconBitmap } from './tray-icon-bitmap';

function alphaAt(bitmap: Buffer, size: number, x: number, y: number): number {
  return bitmap[(y * size + x) * 4 + 3] ?? -1;
}

describe('the tray icon', () => {
  it('draws the horseshoe and arrows from tray-icon.svg on a transparent square', () => {
    const size = 32;
    const bitmap = trayIconBitmap(size);
    expect(bitmap.length).toBe(size * size * 4);
    // The top of the horseshoe (16, 8) is inked; the corner and the middle are clear.
    expect(alphaAt(bitmap, size, 16, 8)).toBeGreaterThan(200);
    expect(alphaAt(bitmap, size, 0, 0)).toBe(0);
    expect(alphaAt(bitmap, size, 16, 14)).toBe(0);
    // The upper arrow (13–19, 19).
    expect(alphaAt(bitmap, size, 16, 18)).toBeGreaterThan(0);
  });

  it('draws at the 16-pixel size Windows trays use, in the colour asked for', () => {
    const bitmap = trayIconBitmap(16, [255, 255, 255]);
    const inked = [...Array(16 * 16).keys()].filter((i) => (bitmap[i * 4 + 3] ?? 0) > 0);
    expect(inked.length).toBeGreaterThan(20);
    const first = inked[0]! * 4;
    // Premultiplied white: each colour channel equals alpha.
    expect(bitmap[first]).toBe(bitmap[first + 3]);
  });
});
