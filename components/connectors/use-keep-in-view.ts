"use client";

// When a step is selected, the inspector opens and the canvas narrows; a step that
// ends up behind the inspector (or was off screen) is panned into view, same zoom.
import { useReactFlow } from "@xyflow/react";
import { useEffect, type RefObject } from "react";

const MARGIN = 24;

export function useKeepInView(selectedId: string | undefined, container: RefObject<HTMLElement | null>) {
  const { getInternalNode, getViewport, setCenter } = useReactFlow();
  useEffect(() => {
    if (!selectedId) return;
    const frame = requestAnimationFrame(() => {
      const node = getInternalNode(selectedId);
      const box = container.current;
      if (!node || !box) return;
      const { x, y, zoom } = getViewport();
      const width = (node.measured.width ?? 264) * zoom;
      const height = (node.measured.height ?? 80) * zoom;
      const left = node.internals.positionAbsolute.x * zoom + x;
      const top = node.internals.positionAbsolute.y * zoom + y;
      const visible = left >= MARGIN && top >= MARGIN && left + width <= box.clientWidth - MARGIN && top + height <= box.clientHeight - MARGIN;
      if (!visible) {
        void setCenter(node.internals.positionAbsolute.x + width / zoom / 2, node.internals.positionAbsolute.y + height / zoom / 2, { zoom, duration: 250 });
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [selectedId, container, getInternalNode, getViewport, setCenter]);
}
