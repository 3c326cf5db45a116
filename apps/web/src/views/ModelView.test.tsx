import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditReportFormat } from '../gql/graphql.ts';
import { auditReport, DATASET_DIGEST, DEMO, IDS, model, REPORT_SHA256 } from '../test/fixtures.ts';
import { GraphqlError, renderView } from '../test/render.tsx';
import { ModelView } from './ModelView.tsx';

const at = { path: '/models/:id', route: `/models/${IDS.model}` };

/** jsdom's Blob has no `text()`; FileReader reads it. */
const readBlob = (blob: Blob): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the blob'));
    reader.readAsText(blob);
  });

describe('ModelView', () => {
  it('shows an error state when provenance cannot be loaded', async () => {
    renderView(<ModelView />, { ...at, responses: { Model: new GraphqlError('node budget exceeded') } });
    expect(await screen.findByRole('alert')).toHaveTextContent('node budget exceeded');
  });

  it('lists the data sets behind the model with their digests', async () => {
    renderView(<ModelView />, { ...at, responses: { Model: model } });
    const table = await screen.findByRole('table', { name: 'Data sets behind this model' });
    expect(within(table).getByRole('link', { name: 'iris.csv' })).toHaveAttribute('href', `/artifacts/${IDS.dataset}`);
    expect(within(table).getByTitle(DATASET_DIGEST)).toHaveTextContent('sha256:91eb642c3adb');
    expect(screen.getByText('Seed')).toBeInTheDocument();
  });

  it('approves with a comment and the status it expects to replace', async () => {
    const view = renderView(<ModelView />, {
      ...at,
      responses: {
        Model: model,
        SetModelApprovalStatus: {
          setModelApprovalStatus: { errors: [], modelPackage: { id: IDS.modelPackage, approvalStatus: 'Approved', approvals: [] } },
        },
      },
    });
    await userEvent.type(await screen.findByLabelText('Comment'), 'accuracy ok');
    await userEvent.click(screen.getByRole('button', { name: /Approve/ }));
    expect(await screen.findByText('iris-classifier v1 approved.')).toBeInTheDocument();
    expect(view.calls.find((c) => c.operationName === 'SetModelApprovalStatus')?.variables).toEqual({
      input: { id: IDS.modelPackage, status: 'Approved', comment: 'accuracy ok', expectedStatus: 'PendingManualApproval' },
    });
  });

  it('shows a refused decision as an error', async () => {
    renderView(<ModelView />, {
      ...at,
      responses: {
        Model: model,
        SetModelApprovalStatus: {
          setModelApprovalStatus: {
            errors: [{ code: 'CONFLICT', message: 'status changed meanwhile', path: 'input.expectedStatus' }],
            modelPackage: null,
          },
        },
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: /Reject/ }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('status changed meanwhile'));
  });

  describe('audit report download', () => {
    let saved: { name: string; href: string; blob: Blob }[];
    let revoked: string[];
    beforeEach(() => {
      saved = [];
      revoked = [];
      const blobs = new Map<string, Blob>();
      let n = 0;
      vi.stubGlobal(
        'URL',
        Object.assign(class extends URL {}, {
          createObjectURL: (blob: Blob) => {
            const href = `blob:pedigree.test/${++n}`;
            blobs.set(href, blob);
            return href;
          },
          revokeObjectURL: (href: string) => void revoked.push(href),
        }),
      );
      vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
        saved.push({ name: this.download, href: this.href, blob: blobs.get(this.href)! });
      });
    });
    afterEach(() => {
      vi.unstubAllGlobals();
      vi.restoreAllMocks();
    });

    it.each([
      ['HTML', 'HTML', 'html', 'text/html; charset=utf-8'],
      ['Markdown', 'MARKDOWN', 'md', 'text/markdown; charset=utf-8'],
      ['JSON', 'JSON', 'json', 'application/json'],
    ] as const)('saves the %s report under the file name the server suggests', async (label, format, ext, mediaType) => {
      const view = renderView(<ModelView />, {
        ...at,
        responses: { Model: model, AuditReport: (v: { format: AuditReportFormat }) => auditReport(v.format) },
      });
      const group = await screen.findByRole('group', { name: 'Download audit report' });
      await userEvent.click(within(group).getByRole('button', { name: `Download audit report as ${label}` }));
      await waitFor(() => expect(saved).toHaveLength(1));
      expect(view.calls.find((c) => c.operationName === 'AuditReport')?.variables).toEqual({ modelId: IDS.model, format });
      const file = saved[0]!;
      expect(file.name).toBe(`audit-report-TrainModel-model-aa660d0b4e61.${ext}`);
      expect(file.blob.type).toBe(mediaType);
      expect(await readBlob(file.blob)).toBe(auditReport(format).auditReport.content);
      if (format !== 'JSON') expect(await readBlob(file.blob)).toContain(DEMO.dataset);
      expect(await screen.findByRole('status')).toHaveTextContent(`Saved ${file.name} (report ${REPORT_SHA256})`);
      await waitFor(() => expect(revoked).toEqual([file.href]));
    });

    it('shows a refused report as an error and saves nothing', async () => {
      renderView(<ModelView />, {
        ...at,
        responses: {
          Model: model,
          AuditReport: {
            auditReport: {
              content: null,
              sha256: null,
              fileName: null,
              mediaType: null,
              errors: [{ code: 'NOT_FOUND', message: `no model artifact or model package with id ${IDS.model}`, path: 'modelId' }],
            },
          },
        },
      });
      await userEvent.click(await screen.findByRole('button', { name: 'Download audit report as HTML' }));
      expect(await screen.findByRole('alert')).toHaveTextContent(
        `Could not make the report: no model artifact or model package with id ${IDS.model}`,
      );
      expect(saved).toEqual([]);
      expect(screen.getByRole('button', { name: 'Download audit report as HTML' })).toBeEnabled();
    });
  });
});
