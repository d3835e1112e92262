import { createClock, type SandboxClock } from '../clock.js';
import { createPrng } from '../prng.js';
import { createCompanyStore, type CompanyStore } from '../company/store.js';

/**
 * Test support: a seeded company that then lives a little — edits, renames,
 * deactivations (cascading to sub-customers), reactivations, deletions,
 * merges and new customers and sub-customers — with the clock sometimes
 * standing still so changes share a millisecond. `step()` makes one change;
 * tests interleave steps with queries to prove the indexes follow every change.
 */
export interface MixedCompany {
  store: CompanyStore;
  clock: SandboxClock;
  step(): void;
}

export function mixedCompany(customers: number, seed: number): MixedCompany {
  const clock = createClock(Date.parse('2026-11-20T18:15:00Z'));
  const store = createCompanyStore({ realmId: '1', companyName: 'Mixed', customers, seed, clock });
  const rng = createPrng(seed * 7919);
  let n = 0;

  const anyLive = () => {
    const live = store.live();
    return live[rng.int(0, live.length - 1)];
  };

  const step = () => {
    n++;
    if (rng.chance(0.6)) clock.advance(rng.int(0, 2500));
    const row = anyLive();
    if (!row) {
      store.create({ DisplayName: `Newcomer ${n}` });
      return;
    }
    const id = row.data.Id;
    switch (rng.int(0, 8)) {
      case 0:
        store.update(id, { Notes: `note ${n}` });
        break;
      case 1:
        store.update(id, { DisplayName: `Renamed ${n}` });
        break;
      case 2:
        store.deactivate(id);
        break;
      case 3:
        store.reactivate(id);
        break;
      case 4:
        store.remove(id);
        break;
      case 5: {
        // A top-level survivor can never be a sub-customer of the one merged away.
        const into = anyLive();
        if (into && into.data.Id !== id && !into.data.ParentRef) store.merge(id, into.data.Id);
        break;
      }
      case 6:
        store.create({ DisplayName: `Newcomer ${n}`, ParentRef: { value: id } });
        break;
      case 7:
        store.create({ DisplayName: `Newcomer ${n}`, Active: rng.chance(0.5) });
        break;
      default:
        store.update(id, { Balance: rng.int(0, 10_000) / 100 });
    }
  };

  return { store, clock, step };
}
