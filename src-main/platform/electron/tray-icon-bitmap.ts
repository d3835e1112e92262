/**
 * The tray icon drawn in code from resources/tray-icon.svg's two strokes (a
 * horseshoe and a sync arrow pair). Electron's nativeImage cannot read SVG, and
 * a drawn bitmap needs no build step and no file to ship beside the app.
 * Plain Node: nothing here imports electron.
 */

type Point = readonly [number, number];
interface Stroke {
  points: Point[];
  width: number;
}

function cubic(p0: Point, p1: Point, p2: Point, p3: Point, steps = 24): Point[] {
  const points: Point[] = [];
  for (let i = 0; i <= steps; i += 1) {
    const t = i / steps;
    const u = 1 - t;
    points.push([
      u * u * u * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t * t * t * p3[0],
      u * u * u * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t * t * t * p3[1],
    ]);
  }
  return points;
}

/** The SVG's paths in its 32×32 viewBox. */
const STROKES: Stroke[] = [
  // M10 25 C 6 20 6.5 9.5 16 8 C 25.5 9.5 26 20 22 25
  {
    points: [
      ...cubic([10, 25], [6, 20], [6.5, 9.5], [16, 8]),
      ...cubic([16, 8], [25.5, 9.5], [26, 20], [22, 25]),
    ],
    width: 3.4,
  },
  // M13 19 h6 l-1.6 -1.6
  {
    points: [
      [13, 19],
      [19, 19],
      [17.4, 17.4],
    ],
    width: 1.6,
  },
  // M19 22 h-6 l1.6 1.6
  {
    points: [
      [19, 22],
      [13, 22],
      [14.6, 23.6],
    ],
    width: 1.6,
  },
];

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0
      ? 0
      : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

function inked(p: Point): boolean {
  return STROKES.some(({ points, width }) =>
    points.some((a, i) => {
      const b = points[i + 1];
      return b !== undefined && distanceToSegment(p, a, b) <= width / 2;
    }),
  );
}

/**
 * A square BGRA bitmap (Electron's nativeImage.createFromBitmap order) of
 * `size` pixels, anti-aliased by 4×4 supersampling, in one colour.
 */
export function trayIconBitmap(
  size: number,
  rgb: readonly [number, number, number] = [0, 0, 0],
): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const scale = 32 / size;
  const samples = 4;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const point: Point = [
            (x + (sx + 0.5) / samples) * scale,
            (y + (sy + 0.5) / samples) * scale,
          ];
          if (inked(point)) hits += 1;
        }
      }
      const alpha = Math.round((hits / (samples * samples)) * 255);
      const offset = (y * size + x) * 4;
      // Premultiplied BGRA.
      pixels[offset] = Math.round((rgb[2] * alpha) / 255);
      pixels[offset + 1] = Math.round((rgb[1] * alpha) / 255);
      pixels[offset + 2] = Math.round((rgb[0] * alpha) / 255);
      pixels[offset + 3] = alpha;
    }
  }
  return pixels;
}
