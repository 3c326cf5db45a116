import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import type { GraphStore } from '../graph-store.ts';
import { artifactsContract } from './contract-artifacts.ts';
import { cacheAndPackagesContract } from './contract-cache-packages.ts';
import type { ContractContext } from './contract-context.ts';
import { lineageContract } from './contract-lineage.ts';
import { openLineageContract } from './contract-openlineage.ts';
import { pipelinesAndExecutionsContract } from './contract-pipelines-executions.ts';
import { stepsContract } from './contract-steps.ts';

export interface GraphStoreContractOptions {
  /** Shown in the describe title, e.g. `sqlite (:memory:)`. */
  readonly name: string;
  /** Opens a store; called once for the suite and again by cases that need their own (e.g. to close it). */
  readonly create: () => Promise<GraphStore>;
  /** Optional: called before each case (e.g. to clear a shared database). Cases never rely on it. */
  readonly reset?: (store: GraphStore) => Promise<void>;
}

/**
 * Registers the GraphStore contract suite (vitest describe/it blocks): the executable
 * specification every adapter must pass. Each case seeds its own uniquely named data, so cases
 * are independent of order and of what else the store holds.
 */
export function runGraphStoreContract(options: GraphStoreContractOptions): void {
  describe(`GraphStore contract: ${options.name}`, () => {
    let shared: GraphStore | undefined;
    const opened: GraphStore[] = [];
    beforeAll(async () => {
      shared = await options.create();
    });
    beforeEach(async () => {
      if (options.reset && shared) await options.reset(shared);
    });
    afterAll(async () => {
      await shared?.close();
      for (const s of opened) await s.close();
    });
    const ctx: ContractContext = {
      store: () => {
        if (!shared) throw new Error('the contract store was not created');
        return shared;
      },
      create: async () => {
        const s = await options.create();
        opened.push(s);
        return s;
      },
    };
    pipelinesAndExecutionsContract(ctx);
    stepsContract(ctx);
    artifactsContract(ctx);
    cacheAndPackagesContract(ctx);
    lineageContract(ctx);
    openLineageContract(ctx);
  });
}

export * from './fixtures.ts';
export * from './reference-lineage.ts';
export * from './openlineage-records.ts';
export type { ContractContext } from './contract-context.ts';
export { seededShuffle } from './contract-openlineage.ts';
