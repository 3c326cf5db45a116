import { TOKENS } from './harness.ts';

export interface SseMessage {
  readonly event: string;
  readonly data: unknown;
}

/**
 * Opens a GraphQL subscription over server-sent events and yields each message until the server
 * completes the stream (or the caller stops iterating, which cancels the request).
 */
export async function* subscribe(
  fetcher: (path: string, init: RequestInit) => Promise<Response>,
  query: string,
  variables: Record<string, unknown> = {},
  signal?: AbortSignal,
): AsyncGenerator<SseMessage> {
  const response = await fetcher('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${TOKENS.viewer}` },
    body: JSON.stringify({ query, variables }),
    ...(signal ? { signal } : {}),
  });
  if (!response.ok || !response.body) throw new Error(`subscription refused: ${response.status} ${await response.text()}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).trim());
        }
        if (data.length === 0 && event === 'message') continue; // keep-alive comment
        const text = data.join('\n');
        const message = { event, data: text ? JSON.parse(text) : null };
        yield message;
        if (event === 'complete') return;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
