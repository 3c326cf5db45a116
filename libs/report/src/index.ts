export * from './report-types.ts';
export { buildAuditReport, type BuildAuditReportOptions } from './build-audit-report.ts';
export { renderJson, prettyCanonicalJson, reportDigest, toReportDocument } from './render-json.ts';
export { renderMarkdown, mermaid } from './render-markdown.ts';
export { renderHtml, svgDiagram } from './render-html.ts';
export { layeredLayout, type Layout, type LayoutOptions, type PositionedEdge, type PositionedNode } from './layered-layout.ts';
export {
  verifyReport,
  parseReportDocument,
  createFileResolver,
  combineResolvers,
  createArtifactStoreResolver,
  type ArtifactStoreResolverOptions,
  type VerifiableArtifactStore,
  type ArtifactCheck,
  type ArtifactResolution,
  type ArtifactResolver,
  type ArtifactVerdict,
  type FileResolverOptions,
  type VerifyReportOptions,
  type VerifyReportResult,
} from './verify-report.ts';
