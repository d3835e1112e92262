import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from './hash-route';

describe('deep links', () => {
  it('opens a client profile from #/clients/<id>', () => {
    expect(parseRoute('#/clients/123')).toEqual({ page: 'client', id: 123 });
  });

  it('falls back to the Clients list for anything it does not know', () => {
    expect(parseRoute('')).toEqual({ page: 'clients' });
    expect(parseRoute('#/clients/abc')).toEqual({ page: 'clients' });
  });

  it('round-trips Settings → Data', () => {
    expect(parseRoute(routeHref({ page: 'data' }))).toEqual({ page: 'data' });
  });

  it('round-trips Settings → Integrations', () => {
    expect(parseRoute(routeHref({ page: 'integrations' }))).toEqual({ page: 'integrations' });
  });

  it('opens Settings → About from #/settings/about (Help → About in the desktop app)', () => {
    expect(routeHref({ page: 'about' })).toBe('#/settings/about');
    expect(parseRoute('#/settings/about')).toEqual({ page: 'about' });
  });
});
