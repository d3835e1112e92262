/**
 * Where the window reopens: the bounds it had, moved onto a display that is
 * still there. A laptop that left its external monitor at the office would
 * otherwise open EquineOps off-screen, where staff cannot reach it. Plain
 * rectangles in, a rectangle out; nothing here imports electron.
 */
export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MinimumSize {
  width: number;
  height: number;
}

/**
 * `workAreas`: each display's area without the taskbar or dock, primary first.
 * Returns null when nothing usable was saved (the window opens at its default
 * size, centred).
 */
export function restoredBounds(
  saved: Partial<Rectangle> | undefined,
  workAreas: readonly Rectangle[],
  minimum: MinimumSize,
): Rectangle | null {
  if (!saved || !isRectangle(saved) || workAreas.length === 0) return null;
  if (saved.width <= 0 || saved.height <= 0) return null;
  const best = workAreas
    .map((area) => ({ area, overlap: overlapArea(saved, area) }))
    .reduce((a, b) => (b.overlap > a.overlap ? b : a));
  const onScreen = best.overlap > 0;
  const area = onScreen ? best.area : workAreas[0]!;
  const width = Math.min(Math.max(saved.width, minimum.width), area.width);
  const height = Math.min(Math.max(saved.height, minimum.height), area.height);
  if (!onScreen) {
    // Off every display: centred on the primary one at the size it had.
    return {
      x: Math.round(area.x + (area.width - width) / 2),
      y: Math.round(area.y + (area.height - height) / 2),
      width,
      height,
    };
  }
  // Partly off its display: pulled in so the title bar and every edge can be reached.
  return {
    x: clamp(saved.x, area.x, area.x + area.width - width),
    y: clamp(saved.y, area.y, area.y + area.height - height),
    width,
    height,
  };
}

function isRectangle(value: Partial<Rectangle>): value is Rectangle {
  return [value.x, value.y, value.width, value.height].every(
    (n) => typeof n === 'number' && Number.isFinite(n),
  );
}

function overlapArea(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
