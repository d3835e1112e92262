import { useCallback, useEffect, useRef, type RefObject } from 'react';

/** Long enough for a dialog's close transition and the refetch that removes the row. */
const WATCH_MS = 2000;
const STEP_MS = 100;

/**
 * When an action removes the button that started it (Archive, Merge…, Undo),
 * focus falls back to the page body and a keyboard user must start over from
 * the top. Call the returned `arm` when such an action succeeds: for a short
 * while, a lost focus is moved to `target` (the page or section heading).
 * It watches rather than reacts once because the dialog's close transition and
 * the refetch that removes the button finish in either order.
 */
export function useFocusFallback(target: RefObject<HTMLElement | null>): () => void {
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return useCallback(() => {
    window.clearTimeout(timer.current);
    let waited = 0;
    const check = () => {
      const active = document.activeElement;
      if (active === null || active === document.body) {
        target.current?.focus();
        return;
      }
      waited += STEP_MS;
      if (waited < WATCH_MS) timer.current = window.setTimeout(check, STEP_MS);
    };
    timer.current = window.setTimeout(check, STEP_MS);
  }, [target]);
}
