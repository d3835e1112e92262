import { describe, expect, it } from 'vitest';
import { createClientRegistry, LOOPBACK_REDIRECTS } from './clients.js';

describe('client registry', () => {
  const registry = createClientRegistry([
    { clientId: 'a', clientSecret: 's', redirectUris: [...LOOPBACK_REDIRECTS] },
  ]);
  const app = registry.get('a');

  it('accepts loopback /callback on any port, like development keys', () => {
    if (!app) throw new Error('missing app');
    expect(registry.redirectAllowed(app, 'http://127.0.0.1:53682/callback')).toBe(true);
    expect(registry.redirectAllowed(app, 'http://localhost:1/callback')).toBe(true);
    expect(registry.redirectAllowed(app, 'http://127.0.0.1/callback')).toBe(false);
    expect(registry.redirectAllowed(app, 'http://127.0.0.1:80/callback/x')).toBe(false);
    expect(registry.redirectAllowed(app, 'https://127.0.0.1:80/callback')).toBe(false);
  });

  it('authenticates by id and secret', () => {
    expect(registry.authenticate('a', 's')).toBeDefined();
    expect(registry.authenticate('a', 'x')).toBeUndefined();
    expect(registry.authenticate('b', 's')).toBeUndefined();
  });
});
