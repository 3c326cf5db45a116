import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { Client, Provider, fetchExchange, subscriptionExchange } from 'urql';

/** A canned answer per operation name: data, an error message, or 'pending' (never answers). */
export type Responses = Record<string, unknown>;

export interface GraphqlCall {
  readonly operationName: string;
  readonly variables: Record<string, unknown>;
}

export interface LiveFeed {
  /** Pushes one subscription result to every open subscription with that operation name. */
  push(operationName: string, data: unknown): void;
}

interface RenderOptions {
  readonly path: string;
  readonly route: string;
  readonly responses: Responses;
}

/** A GraphQL error answer; with a code (`extensions.code`) and the HTTP status the API sends with it (FORBIDDEN: 403). */
export class GraphqlError {
  constructor(
    readonly message: string,
    readonly code?: string,
    readonly status = 200,
  ) {}
}

let locationSpy = '';

function LocationProbe() {
  const location = useLocation();
  locationSpy = `${location.pathname}${location.search}`;
  return null;
}

/** The current URL of the test router (path and query string). */
export function currentLocation(): string {
  return locationSpy;
}

/**
 * Renders a view at a route against a real urql client whose fetch answers from `responses`
 * (a function of the variables is allowed) and whose subscriptions the test feeds by hand.
 */
export function renderView(
  ui: ReactElement,
  { path, route, responses }: RenderOptions,
): RenderResult & { calls: GraphqlCall[]; subscriptions: GraphqlCall[]; live: LiveFeed } {
  const calls: GraphqlCall[] = [];
  const subscriptions: GraphqlCall[] = [];
  const sinks = new Map<string, Set<{ next: (value: unknown) => void }>>();
  const fetchStub = async (_url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init?.body ?? '{}')) as { operationName: string; variables?: Record<string, unknown> };
    calls.push({ operationName: body.operationName, variables: body.variables ?? {} });
    let answer = responses[body.operationName];
    if (typeof answer === 'function') answer = (answer as (v: Record<string, unknown>) => unknown)(body.variables ?? {});
    if (answer === 'pending') return new Promise<Response>(() => undefined);
    if (answer instanceof GraphqlError) {
      const extensions = answer.code ? { code: answer.code } : undefined;
      return Response.json({ errors: [{ message: answer.message, ...(extensions ? { extensions } : {}) }] }, { status: answer.status });
    }
    if (answer === undefined) return Response.json({ errors: [{ message: `no fixture for ${body.operationName}` }] });
    return Response.json({ data: answer });
  };
  const client = new Client({
    url: 'http://pedigree.test/graphql',
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetch: fetchStub as typeof fetch,
    exchanges: [
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const name = /subscription\s+(\w+)/.exec(request.query ?? '')?.[1] ?? '';
          subscriptions.push({ operationName: name, variables: (request.variables ?? {}) as Record<string, unknown> });
          return {
            subscribe(sink) {
              const entry = { next: (value: unknown) => sink.next(value as never) };
              const set = sinks.get(name) ?? new Set();
              set.add(entry);
              sinks.set(name, set);
              return { unsubscribe: () => set.delete(entry) };
            },
          };
        },
      }),
    ],
  });
  const result = render(
    <Provider value={client}>
      <MemoryRouter initialEntries={[route]}>
        <LocationProbe />
        <Routes>
          <Route path={path} element={ui} />
          <Route path="*" element={<LocationProbe />} />
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
  const live: LiveFeed = {
    push(operationName, data) {
      for (const sink of sinks.get(operationName) ?? []) sink.next({ data });
    },
  };
  return Object.assign(result, { calls, subscriptions, live });
}
