import type { GraphStore } from '../graph-store.ts';

/** What each contract section gets: the shared store of the suite, and a way to open another. */
export interface ContractContext {
  /** The store every case of the suite shares (cases seed their own, uniquely named data). */
  readonly store: () => GraphStore;
  /** Opens a separate store, for cases that close it. */
  readonly create: () => Promise<GraphStore>;
}
