import { useCallback, useEffect, useState } from 'react';

/**
 * Unsaved edits, wherever they are typed (a profile's contact details or
 * preferences, a note, the New client form), and the one question asked
 * before they would be lost: "Discard changes?" — Stay or Discard.
 *
 * The screens are hash routes, and `hashchange` fires after the address has
 * already changed, so a listener registered before the router's own moves
 * history back to the page with the edits and asks first; the page never
 * leaves. Closing or reloading the
 * window asks through the browser's own `beforeunload` prompt.
 */

const dirty = new Set<symbol>();
let asking: (() => void) | null = null;
let letNextThrough = false;
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

/**
 * Marks the calling component's edits as unsaved while `isDirty` is true.
 * Returns `forget`, for a component that throws its edits away itself
 * (Cancel, a save, "Open" instead of create) and moves on at once, before
 * React has re-rendered it clean.
 */
export function useUnsavedChanges(isDirty: boolean): () => void {
  const [token] = useState(() => Symbol('unsaved'));
  useEffect(() => {
    if (!isDirty) return;
    dirty.add(token);
    return () => {
      dirty.delete(token);
    };
  }, [isDirty, token]);
  return useCallback(() => {
    dirty.delete(token);
  }, [token]);
}

export function hasUnsavedChanges(): boolean {
  return dirty.size > 0;
}

/** Runs `leave` at once when nothing is unsaved; otherwise asks first and runs it on "Discard". */
export function leaveUnlessUnsaved(leave: () => void): void {
  if (!hasUnsavedChanges()) {
    leave();
    return;
  }
  asking = leave;
  // After the event that asked (an Escape keypress) has finished: the prompt must not receive it too.
  setTimeout(notify, 0);
}

/** The question being asked, for the prompt: null when none. */
export function pendingLeave(): (() => void) | null {
  return asking;
}

export function subscribePendingLeave(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function answerStay(): void {
  asking = null;
  notify();
}

export function answerDiscard(): void {
  const leave = asking;
  asking = null;
  notify();
  leave?.();
}

/*
 * Where each history entry sits, kept in its state, so a leave that is taken
 * back can be undone by moving through history rather than by rewriting an
 * entry: rewriting left a duplicate behind (the next Back did nothing) or
 * dropped the page Back was going to.
 */
const POSITION = 'equineopsPosition';
let position = 0;
/** The address we are moving back to (the page with the edits); arriving there is our move, not the user's. */
let restoringTo: string | null = null;

function positionOf(state: unknown): number | null {
  const value = (state as Record<string, unknown> | null)?.[POSITION];
  return typeof value === 'number' ? value : null;
}

/** Records the entry just arrived at: a new one (a link, a typed address) comes after the one left. */
function settle(): void {
  const known = positionOf(window.history.state);
  if (known !== null) {
    position = known;
    return;
  }
  position += 1;
  const state = (window.history.state as Record<string, unknown> | null) ?? {};
  window.history.replaceState({ ...state, [POSITION]: position }, '');
}

function onHashChange(event: HashChangeEvent): void {
  if (restoringTo !== null) {
    const ours = event.newURL === restoringTo;
    restoringTo = null;
    if (ours) {
      event.stopImmediatePropagation();
      return;
    }
  }
  if (letNextThrough || !hasUnsavedChanges()) {
    letNextThrough = false;
    settle();
    return;
  }
  // Back to where the edits are, before the router sees the new address.
  event.stopImmediatePropagation();
  const arrived = positionOf(window.history.state);
  const target = event.newURL;
  restoringTo = event.oldURL;
  if (arrived === null || arrived === position) {
    // A new entry (a link): step back onto the page; the entry ahead is replaced by the next navigation.
    window.history.back();
    asking = () => {
      letNextThrough = true;
      window.location.href = target;
    };
  } else {
    // Back or Forward: undo the step, and take the same step again on Discard.
    const steps = arrived - position;
    window.history.go(-steps);
    asking = () => {
      letNextThrough = true;
      window.history.go(steps);
    };
  }
  notify();
}

function onBeforeUnload(event: BeforeUnloadEvent): void {
  if (!hasUnsavedChanges()) return;
  event.preventDefault();
  // Older engines ask only when returnValue is set.
  event.returnValue = '';
}

if (typeof window !== 'undefined') {
  const known = positionOf(window.history.state);
  if (known === null) {
    const state = (window.history.state as Record<string, unknown> | null) ?? {};
    window.history.replaceState({ ...state, [POSITION]: 0 }, '');
  } else {
    position = known;
  }
  window.addEventListener('hashchange', onHashChange, { capture: true });
  window.addEventListener('beforeunload', onBeforeUnload);
}
