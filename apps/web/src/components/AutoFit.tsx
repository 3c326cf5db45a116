import { useEffect } from 'react';
import { useReactFlow, useStore } from '@xyflow/react';

interface AutoFitProps {
  /** Fits again when this changes (e.g. a refined layout replaced the quick one). */
  readonly fitKey: string;
  /** Centre of the node to show at a readable zoom instead of fitting everything (large graphs). */
  readonly focus?: { x: number; y: number } | null;
}

/**
 * Fits the graph to the view again whenever the canvas changes size (e.g. a side panel opens). A
 * large graph is instead centred on its focus node: fitting a thousand nodes makes them unreadable,
 * and rendering only what is in view keeps the first paint fast.
 */
export function AutoFit({ fitKey, focus }: AutoFitProps) {
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const { fitView, setCenter } = useReactFlow();
  const focusX = focus?.x;
  const focusY = focus?.y;
  useEffect(() => {
    if (width <= 0 || height <= 0) return;
    if (focusX !== undefined && focusY !== undefined) void setCenter(focusX, focusY, { zoom: 0.9 });
    else void fitView({ padding: 0.15, maxZoom: 1.1 });
  }, [width, height, fitView, setCenter, fitKey, focusX, focusY]);
  return null;
}
