/**
 * Registered OAuth apps. Like Intuit development keys, the default app takes
 * loopback redirects on any port; a `*` in a registered URI's port stands
 * for "any port".
 */
export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export const LOOPBACK_REDIRECTS = ['http://127.0.0.1:*/callback', 'http://localhost:*/callback'];

export interface ClientRegistry {
  register(app: OAuthApp): void;
  addRedirectUri(clientId: string, uri: string): void;
  get(clientId: string): OAuthApp | undefined;
  /** Constant-time enough for a sandbox: exact id and secret match. */
  authenticate(clientId: string, secret: string): OAuthApp | undefined;
  redirectAllowed(app: OAuthApp, uri: string): boolean;
  list(): OAuthApp[];
}

function matches(pattern: string, uri: string): boolean {
  if (!pattern.includes('*')) return pattern === uri;
  const re = new RegExp(
    '^' +
      pattern
        .split('*')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('\\d{1,5}') +
      '$',
  );
  return re.test(uri);
}

export function createClientRegistry(initial: OAuthApp[]): ClientRegistry {
  const apps = new Map<string, OAuthApp>();
  const registry: ClientRegistry = {
    register(app) {
      apps.set(app.clientId, { ...app, redirectUris: [...app.redirectUris] });
    },
    addRedirectUri(clientId, uri) {
      const app = apps.get(clientId);
      if (!app) throw new Error(`unknown client ${clientId}`);
      if (!app.redirectUris.includes(uri)) app.redirectUris.push(uri);
    },
    get: (clientId) => apps.get(clientId),
    authenticate(clientId, secret) {
      const app = apps.get(clientId);
      return app && app.clientSecret === secret ? app : undefined;
    },
    redirectAllowed: (app, uri) => app.redirectUris.some((pattern) => matches(pattern, uri)),
    list: () => [...apps.values()].map((app) => ({ ...app, redirectUris: [...app.redirectUris] })),
  };
  for (const app of initial) registry.register(app);
  return registry;
}
