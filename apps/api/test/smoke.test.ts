import { afterEach, expect, it } from 'vitest';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());

it('answers viewer', async () => {
  h = await createHarness();
  const r = await h.gql('{ viewer { name role } }');
  expect(r.body).toEqual({ data: { viewer: { name: 'eddie', role: 'editor' } } });
});
