import { useSyncExternalStore } from 'react';

/**
 * The screens, addressed by the URL hash (#/clients, #/clients/12, #/settings,
 * #/settings/integrations, #/settings/data) so a test or a bookmark can open any of them.
 */
export type Route =
  | { page: 'clients' }
  | { page: 'client'; id: number }
  | { page: 'duplicates' }
  | { page: 'import' }
  | { page: 'settings' }
  | { page: 'integrations' }
  | { page: 'data' }
  | { page: 'about' }
  | { page: 'sync-log' }
  | { page: 'sync-run'; id: number };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [first, second] = parts;
  if (first === 'clients' && second === 'duplicates') return { page: 'duplicates' };
  if (first === 'clients' && second === 'import') return { page: 'import' };
  if (first === 'clients' && second !== undefined) {
    const id = Number(second);
    if (Number.isInteger(id) && id > 0) return { page: 'client', id };
  }
  if (first === 'settings' && second === 'integrations' && parts[2] === 'sync-log') {
    const runId = Number(parts[3]);
    return Number.isInteger(runId) && runId > 0
      ? { page: 'sync-run', id: runId }
      : { page: 'sync-log' };
  }
  if (first === 'settings' && second === 'data') return { page: 'data' };
  if (first === 'settings' && second === 'about') return { page: 'about' };
  if (first === 'settings')
    return second === 'integrations' ? { page: 'integrations' } : { page: 'settings' };
  return { page: 'clients' };
}

export function routeHref(route: Route): string {
  switch (route.page) {
    case 'clients':
      return '#/clients';
    case 'client':
      return `#/clients/${route.id}`;
    case 'duplicates':
      return '#/clients/duplicates';
    case 'import':
      return '#/clients/import';
    case 'settings':
      return '#/settings';
    case 'integrations':
      return '#/settings/integrations';
    case 'data':
      return '#/settings/data';
    case 'about':
      return '#/settings/about';
    case 'sync-log':
      return '#/settings/integrations/sync-log';
    case 'sync-run':
      return `#/settings/integrations/sync-log/${route.id}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
