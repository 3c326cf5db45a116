import { useEffect } from 'react';
import { useReactFlow, useStore } from '@xyflow/react';

/** Fits the graph to the view again whenever the canvas changes size (e.g. a side panel opens). */
export function AutoFit() {
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (width > 0 && height > 0) void fitView({ padding: 0.15, maxZoom: 1.1 });
  }, [width, height, fitView]);
  return null;
}
