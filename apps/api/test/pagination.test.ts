import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PAGE_DEFAULT, API_PAGE_MAX } from '../src/pagination.ts';
import { smallPipeline } from './fixtures.ts';
import { createHarness, type Harness } from './harness.ts';

/*
 * Relay connections page with a default and a maximum size: a list longer than the default comes
 * back one default page at a time, `first` up to the maximum is honoured, beyond it is refused
 * naming the argument, and `pageInfo.endCursor` as `after` continues where the page ended.
 */
let h: Harness;
const COUNT = API_PAGE_DEFAULT + 3;

beforeAll(async () => {
  h = await createHarness();
  for (let i = 0; i < COUNT; i++) {
    const { body } = await h.gql('mutation($d: JSON!) { upsertPipeline(input: { definition: $d }) { errors { message } } }', {
      d: smallPipeline(`p${String(i).padStart(2, '0')}`),
    });
    expect(body.errors).toBeUndefined();
  }
});

afterAll(async () => {
  await h.close();
});

type Page = {
  pipelines: { edges: { cursor: string; node: { name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
};
const PAGE =
  'query($first: Int, $after: String) { pipelines(first: $first, after: $after) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }';

describe('Relay connections', () => {
  it(`return ${API_PAGE_DEFAULT} items when no first is given, and say there is more`, async () => {
    const { body } = await h.gql<Page>(PAGE, {}, { token: 'viewer' });
    expect(body.data!.pipelines.edges).toHaveLength(API_PAGE_DEFAULT);
    expect(body.data!.pipelines.pageInfo.hasNextPage).toBe(true);
  });

  it('continue from pageInfo.endCursor to the end, without repeating or skipping an item', async () => {
    const first = (await h.gql<Page>(PAGE, {}, { token: 'viewer' })).body.data!.pipelines;
    const rest = (await h.gql<Page>(PAGE, { after: first.pageInfo.endCursor }, { token: 'viewer' })).body.data!.pipelines;
    expect(rest.edges).toHaveLength(COUNT - API_PAGE_DEFAULT);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const names = [...first.edges, ...rest.edges].map((e) => e.node.name);
    expect(new Set(names).size).toBe(COUNT);
  });

  it('refuse an item’s cursor inside a page as after, rather than skip the rest of that page', async () => {
    const first = (await h.gql<Page>(PAGE, { first: 4 }, { token: 'viewer' })).body.data!.pipelines;
    expect(first.edges.at(-1)!.cursor).toBe(first.pageInfo.endCursor);
    const { body } = await h.gql<Page>(PAGE, { first: 4, after: first.edges[1]!.cursor }, { token: 'viewer' });
    expect(body.data?.pipelines ?? null).toBeNull();
    expect(body.errors?.[0]?.message).toMatch(
      /^after: ".*#1" is the cursor of an item inside a page; continue from the page's pageInfo\.endCursor$/,
    );
    expect(body.errors?.[0]?.extensions?.['code']).toBe('INVALID_ARGUMENT');
  });

  it(`honour first up to ${API_PAGE_MAX}`, async () => {
    const { body } = await h.gql<Page>(PAGE, { first: API_PAGE_MAX }, { token: 'viewer' });
    expect(body.data!.pipelines.edges).toHaveLength(COUNT);
    expect(body.data!.pipelines.pageInfo.hasNextPage).toBe(false);
  });

  it.each([0, -1, API_PAGE_MAX + 1])('refuse first: %i with INVALID_ARGUMENT naming first', async (first) => {
    const { body } = await h.gql<Page>(PAGE, { first }, { token: 'viewer' });
    expect(body.errors?.[0]?.message).toMatch(new RegExp(`first: must be an integer from 1 to ${API_PAGE_MAX}`));
    expect(body.errors?.[0]?.extensions?.['code']).toBe('INVALID_ARGUMENT');
    expect(body.errors?.[0]?.path).toEqual(['pipelines']);
  });
});
