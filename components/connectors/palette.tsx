"use client";

// The node types, to drag onto the canvas or click to add below the selected step.
import type { DragEvent } from "react";
import { NODE_TYPES, type NodeType } from "@/lib/engine/nodes/definition";
import { cx } from "../ui/cx";
import { NODE_KINDS } from "./node-kinds";

export const DRAG_MIME = "application/x-cue-node";

export function Palette({ onAdd, disabled }: { onAdd: (type: NodeType) => void; disabled?: boolean }) {
  function start(event: DragEvent, type: NodeType) {
    event.dataTransfer.setData(DRAG_MIME, type);
    event.dataTransfer.setData("text/plain", type);
    event.dataTransfer.effectAllowed = "move";
  }

  return (
    <aside className="flex w-60 shrink-0 flex-col border-r border-slate-200 bg-white" aria-label="Steps">
      <div className="px-4 pt-4 pb-2">
        <h2 className="text-xs font-semibold tracking-wider text-slate-500 uppercase">Steps</h2>
        <p className="mt-1 text-xs leading-5 text-slate-400">Drag onto the canvas, or click to add below the selected step.</p>
      </div>
      <ul className="space-y-1.5 overflow-y-auto px-3 pb-4">
        {NODE_TYPES.map((type) => {
          const kind = NODE_KINDS[type];
          const Icon = kind.icon;
          return (
            <li key={type}>
              <button
                type="button"
                draggable={!disabled}
                disabled={disabled}
                onDragStart={(event) => start(event, type)}
                onClick={() => onAdd(type)}
                data-testid={`palette-${type}`}
                aria-label={`Add ${kind.label.toLowerCase()} step`}
                className={cx(
                  "group flex w-full cursor-grab items-start gap-3 rounded-lg bg-white p-2.5 text-left ring-1 ring-slate-200 transition",
                  "hover:shadow-sm hover:ring-slate-300 active:cursor-grabbing",
                  "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-500",
                  "disabled:cursor-not-allowed disabled:opacity-50",
                )}
              >
                <span className={cx("flex size-8 shrink-0 items-center justify-center rounded-lg ring-1 ring-inset", kind.tile)}>
                  <Icon className="size-4" />
                </span>
                <span className="min-w-0">
                  <span className="block text-sm font-medium text-slate-800">{kind.label}</span>
                  <span className="block text-xs leading-4 text-slate-500">{kind.description}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
