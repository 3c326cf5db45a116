import type { ApprovalStatus, ModelPackage, ModelPackageId } from '@pedigree/domain';
import type { GraphStore, Page } from '@pedigree/graph-store';
import { toPageRequest, type PageArgs } from '../../pagination.ts';
import { renderAuditReport, type AuditReportFormat, type RenderedAuditReport } from './audit-report.ts';

export interface SetApprovalArgs {
  readonly id: ModelPackageId;
  readonly status: ApprovalStatus;
  readonly comment: string | null;
  readonly expectedStatus: ApprovalStatus | null;
  readonly by: string;
}

/** The model registry: packages, their approval history and approval decisions. */
export interface ModelService {
  find(id: ModelPackageId): Promise<ModelPackage | null>;
  list(group: string | null, statuses: readonly ApprovalStatus[] | null, page: PageArgs): Promise<Page<ModelPackage>>;
  /** Throws NOT_FOUND, CONFLICT (expected status differs). */
  setApproval(args: SetApprovalArgs): Promise<ModelPackage>;
  /** The audit report of a model artifact or package id. Throws NOT_FOUND, INVALID_ARGUMENT (not a model), naming `modelId`. */
  auditReport(modelId: string, format: AuditReportFormat): Promise<RenderedAuditReport>;
}

export function createModelService(store: GraphStore): ModelService {
  return {
    async find(id) {
      try {
        return await store.getModelPackage(id);
      } catch (error) {
        if ((error as { code?: unknown }).code === 'NOT_FOUND') return null;
        throw error;
      }
    },
    list: (group, statuses, page) =>
      store.listModelPackages({
        ...toPageRequest(page),
        ...(group ? { group } : {}),
        ...(statuses?.length ? { approvalStatuses: statuses } : {}),
      }),
    setApproval: (args) =>
      store.setModelPackageApproval({
        id: args.id,
        status: args.status,
        by: args.by,
        comment: args.comment,
        ...(args.expectedStatus ? { expectedStatus: args.expectedStatus } : {}),
      }),
    auditReport: (modelId, format) => renderAuditReport(store, modelId, format),
  };
}
