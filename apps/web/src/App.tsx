import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { Loading } from './components/Loading.tsx';
import { NotFound } from './components/NotFound.tsx';
import { ArtifactsView } from './views/ArtifactsView.tsx';
import { ArtifactView } from './views/ArtifactView.tsx';
import { ExecutionView } from './views/ExecutionView.tsx';
import { ImpactView } from './views/ImpactView.tsx';
import { LineageView } from './views/LineageView.tsx';
import { ModelsView } from './views/ModelsView.tsx';
import { ModelView } from './views/ModelView.tsx';
import { PipelinesView } from './views/PipelinesView.tsx';
import { PipelineView } from './views/PipelineView.tsx';

// The compare view carries the charting library; it loads on first use only.
const CompareView = lazy(() => import('./views/CompareView.tsx').then((m) => ({ default: m.CompareView })));

/** Every view has its own URL; filters and selections live in the query string. */
export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Navigate to="/pipelines" replace />} />
        <Route path="pipelines" element={<PipelinesView />} />
        <Route path="pipelines/:name" element={<PipelineView />} />
        <Route
          path="pipelines/:name/compare"
          element={
            <Suspense fallback={<Loading label="Loading the comparison…" />}>
              <CompareView />
            </Suspense>
          }
        />
        <Route path="executions/:id" element={<ExecutionView />} />
        <Route path="artifacts" element={<ArtifactsView />} />
        <Route path="artifacts/:id" element={<ArtifactView />} />
        <Route path="lineage/:id" element={<LineageView />} />
        <Route path="models" element={<ModelsView />} />
        <Route path="models/:id" element={<ModelView />} />
        <Route path="datasets/:id/impact" element={<ImpactView />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
