import { describe, expect, it } from 'vitest';
import { seedCustomers } from './seed.js';

const NOW = Date.parse('2026-11-20T18:15:00Z');

describe('seedCustomers', () => {
  it('is deterministic for a seed and count', () => {
    const a = seedCustomers({ count: 300, seed: 42, nowMs: NOW });
    const b = seedCustomers({ count: 300, seed: 42, nowMs: NOW });
    const c = seedCustomers({ count: 300, seed: 43, nowMs: NOW });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('makes 0 customers', () => {
    expect(seedCustomers({ count: 0, seed: 1, nowMs: NOW })).toEqual([]);
  });

  it('builds a realistic 100,000-customer company', () => {
    const rows = seedCustomers({ count: 100_000, seed: 1, nowMs: NOW });
    const data = rows.map((r) => r.data);
    expect(data).toHaveLength(100_000);
    expect(new Set(data.map((c) => c.DisplayName)).size).toBe(100_000);
    expect(data.map((c) => c.Id).slice(0, 3)).toEqual(['1', '2', '3']);
    const share = (pred: (c: (typeof data)[number]) => boolean) =>
      data.filter(pred).length / data.length;
    expect(share((c) => !c.Active)).toBeGreaterThan(0.03);
    expect(share((c) => !c.Active)).toBeLessThan(0.08);
    expect(share((c) => c.Job)).toBeGreaterThan(0.03);
    expect(share((c) => !c.PrimaryEmailAddr)).toBeGreaterThan(0.05);
    expect(share((c) => !c.PrimaryPhone)).toBeGreaterThan(0.05);
    expect(share((c) => Boolean(c.Mobile))).toBeGreaterThan(0.1);
    expect(share((c) => Boolean(c.CompanyName))).toBeGreaterThan(0.1);
    expect(share((c) => Boolean(c.CustomerTypeRef))).toBeGreaterThan(0.3);
    expect(data.some((c) => c.PrimaryEmailAddr?.Address.includes(','))).toBe(true);
    expect(data.some((c) => /[éñü]/.test(c.DisplayName))).toBe(true);
    expect(data.some((c) => /[\u4e00-\u9fff]/.test(c.DisplayName))).toBe(true);
    expect(data.some((c) => c.DisplayName.length > 100)).toBe(true);
    expect(
      data.some((c) => c.ShipAddr && c.BillAddr && c.ShipAddr.Line1 !== c.BillAddr.Line1),
    ).toBe(true);
  });

  it('links sub-customers to earlier parents with Level and FullyQualifiedName, sharing household emails', () => {
    const data = seedCustomers({ count: 5000, seed: 2, nowMs: NOW }).map((r) => r.data);
    const byId = new Map(data.map((c) => [c.Id, c]));
    const subs = data.filter((c) => c.Job);
    expect(subs.length).toBeGreaterThan(100);
    for (const sub of subs) {
      const parent = byId.get(sub.ParentRef?.value ?? '');
      expect(parent).toBeDefined();
      expect(sub.Level).toBe((parent?.Level ?? 0) + 1);
      expect(sub.FullyQualifiedName).toBe(`${parent?.FullyQualifiedName}:${sub.DisplayName}`);
      if (!parent?.Active) expect(sub.Active).toBe(false);
    }
    expect(
      subs.some(
        (sub) =>
          sub.PrimaryEmailAddr?.Address ===
          byId.get(sub.ParentRef?.value ?? '')?.PrimaryEmailAddr?.Address,
      ),
    ).toBe(true);
  });

  it('dates everything before now with -08:00 offsets, some within the CDC window', () => {
    const rows = seedCustomers({ count: 2000, seed: 3, nowMs: NOW });
    for (const r of rows) {
      expect(r.createdMs).toBeLessThanOrEqual(r.updatedMs);
      expect(r.updatedMs).toBeLessThanOrEqual(NOW);
      expect(Date.parse(r.data.MetaData.LastUpdatedTime)).toBe(
        Math.floor(r.updatedMs / 1000) * 1000,
      );
      expect(r.data.MetaData.CreateTime).toMatch(/-08:00$/);
    }
    expect(rows.filter((r) => r.updatedMs > NOW - 30 * 86_400_000).length).toBeGreaterThan(50);
  });
});
