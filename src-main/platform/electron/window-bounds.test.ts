import { describe, expect, it } from 'vitest';
import { restoredBounds } from './window-bounds';

const laptop = { x: 0, y: 0, width: 1440, height: 860 };
// An external monitor to the right of the laptop.
const monitor = { x: 1440, y: 0, width: 2560, height: 1400 };
const minimum = { width: 900, height: 600 };

describe('where the window reopens', () => {
  it('reopens exactly where it was when that place is still on a display', () => {
    const saved = { x: 1600, y: 100, width: 1280, height: 820 };
    expect(restoredBounds(saved, [laptop, monitor], minimum)).toEqual(saved);
  });

  it('moves onto the laptop, centred, when the monitor it was on is gone', () => {
    expect(
      restoredBounds({ x: 1600, y: 100, width: 1280, height: 820 }, [laptop], minimum),
    ).toEqual({ x: 80, y: 20, width: 1280, height: 820 });
  });

  it('pulls a window hanging off the edge back in, so its title bar can be reached', () => {
    expect(
      restoredBounds({ x: -300, y: 700, width: 1000, height: 700 }, [laptop], minimum),
    ).toEqual({ x: 0, y: 160, width: 1000, height: 700 });
  });

  it('shrinks a window bigger than the display it lands on, never below the minimum', () => {
    expect(restoredBounds({ x: 1500, y: 0, width: 2500, height: 1400 }, [laptop], minimum)).toEqual(
      { x: 0, y: 0, width: 1440, height: 860 },
    );
    expect(restoredBounds({ x: 10, y: 10, width: 300, height: 200 }, [laptop], minimum)).toEqual({
      x: 10,
      y: 10,
      width: 900,
      height: 600,
    });
  });

  it('opens at the default size when nothing usable was saved', () => {
    expect(restoredBounds(undefined, [laptop], minimum)).toBeNull();
    expect(restoredBounds({ x: 10, y: 10 }, [laptop], minimum)).toBeNull();
    expect(restoredBounds({ x: 0, y: 0, width: 0, height: 600 }, [laptop], minimum)).toBeNull();
    expect(
      restoredBounds({ x: Number.NaN, y: 0, width: 900, height: 600 }, [laptop], minimum),
    ).toBeNull();
  });
});
