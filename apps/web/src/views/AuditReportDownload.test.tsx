import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthGate } from '../auth/AuthGate.tsx';
import { TOKEN_STORAGE_KEY } from '../auth/token-storage.ts';
import { IDS } from '../test/fixtures.ts';
import { fakeApi, type FakeApi } from '../test/fake-api.ts';
import { AuditReportDownload } from './AuditReportDownload.tsx';

const TOKEN = 'viewer-token-0123456789';
const REPORT = `/api/v1/reports/${IDS.model}.html`;
const saved: { href: string; download: string; blob: Blob | null }[] = [];
let blobs: Map<string, Blob>;

function renderDownload(api: FakeApi) {
  return render(
    <AuthGate url="http://pedigree.test/graphql" fetch={api.fetch}>
      <AuditReportDownload modelId={IDS.model} />
    </AuthGate>,
  );
}

beforeEach(() => {
  saved.length = 0;
  blobs = new Map();
  // jsdom has no object URLs and does not download; record what would be saved instead.
  let next = 0;
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:http://pedigree.test/${++next}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => undefined;
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ href: this.href, download: this.download, blob: blobs.get(this.href) ?? null });
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  sessionStorage.clear();
});

describe('AuditReportDownload', () => {
  it('keeps plain links to the report route when no token is set', async () => {
    renderDownload(fakeApi());
    const link = await screen.findByRole('link', { name: 'Download audit report as HTML' });
    expect(link).toHaveAttribute('href', REPORT);
    expect(link).toHaveAttribute('download');
  });

  it('with a token, fetches the report with the Authorization header and saves it under the server’s file name', async () => {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, TOKEN);
    const api = fakeApi({
      tokens: { [TOKEN]: { name: 'bob', role: 'viewer' } },
      routes: {
        [REPORT]: () =>
          new Response('<!DOCTYPE html><title>Audit report</title>', {
            headers: {
              'content-type': 'text/html; charset=utf-8',
              'content-disposition': 'attachment; filename="audit-report-TrainModel-model-aa660d0b.html"',
            },
          }),
      },
    });
    renderDownload(api);
    const button = await screen.findByRole('button', { name: 'Download audit report as HTML' });
    expect(screen.queryByRole('link', { name: 'Download audit report as HTML' })).toBeNull();
    await userEvent.click(button);
    await waitFor(() => expect(saved).toHaveLength(1));
    // The server's name, not the fallback built from the id.
    expect(saved[0]!.download).toBe('audit-report-TrainModel-model-aa660d0b.html');
    expect(await saved[0]!.blob!.text()).toBe('<!DOCTYPE html><title>Audit report</title>');
    const request = api.requests.find((r) => r.url === REPORT);
    expect(request?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('with a token, says why a download failed instead of saving an error page', async () => {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, TOKEN);
    const api = fakeApi({
      tokens: { [TOKEN]: { name: 'bob', role: 'viewer' } },
      routes: { [REPORT]: () => Response.json({ error: `no model ${IDS.model}`, code: 'NOT_FOUND' }, { status: 404 }) },
    });
    renderDownload(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Download audit report as HTML' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(`The report could not be downloaded: no model ${IDS.model}`);
    expect(saved).toHaveLength(0);
  });

  it('with a token the server no longer accepts, a download forgets the token like any other request', async () => {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, 'revoked-token-0123456789');
    const api = fakeApi({ tokens: { [TOKEN]: { name: 'bob', role: 'viewer' } } });
    renderDownload(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Download audit report as HTML' }));
    // The gate drops the token and runs on without one; the next GraphQL request's 401 shows the sign-in panel (AuthGate tests).
    await waitFor(() => expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull());
    expect(await screen.findByRole('link', { name: 'Download audit report as HTML' })).toBeInTheDocument();
    expect(saved).toHaveLength(0);
  });
});
