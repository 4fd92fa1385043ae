"use client";

// The selected step's form. Field problems come from the same validateGraph run that
// marks the node on the canvas, so the message sits under the input it is about.
import type { ComponentType } from "react";
import type { Problem } from "@/lib/engine/graph";
import type { NodeType } from "@/lib/engine/nodes/definition";
import { describeNode } from "@/lib/engine/nodes/registry";
import { Alert } from "../../ui/alert";
import { cx } from "../../ui/cx";
import { CloseIcon } from "../../ui/icons";
import type { CanvasNode, NodeData } from "../graph-convert";
import { TrashIcon } from "../node-icons";
import { NODE_KINDS } from "../node-kinds";
import { fieldProblems } from "../problems";
import { ActionForm } from "./action-form";
import { CancelForm } from "./cancel-form";
import { ConditionForm, ConditionPathSuggestions } from "./condition-form";
import { DelayForm } from "./delay-form";
import type { NodeFormProps } from "./fields";
import { SplitForm } from "./split-form";
import { EVENT_NAMES_LIST, TriggerForm } from "./trigger-form";
import { WaitForm } from "./wait-form";
import { useDescribeContext } from "../use-describe-context";

const NODE_FORMS: Record<NodeType, ComponentType<NodeFormProps>> = {
  trigger: TriggerForm,
  delay: DelayForm,
  wait: WaitForm,
  cancel: CancelForm,
  condition: ConditionForm,
  split: SplitForm,
  action: ActionForm,
};

type Props = {
  node: CanvasNode;
  problems: readonly Problem[];
  onChange: (data: NodeData) => void;
  onDelete: () => void;
  onClose: () => void;
  readOnly: boolean;
  trigger: NodeData | undefined;
  appName: string;
  eventNames: readonly string[];
};

export function Inspector({ node, problems, onChange, onDelete, onClose, readOnly, trigger, appName, eventNames }: Props) {
  const kind = NODE_KINDS[node.type];
  const Icon = kind.icon;
  const errors = fieldProblems(problems, node.id);
  const describeContext = useDescribeContext();
  const general = errors.get("") ?? [];
  const Form = NODE_FORMS[node.type];

  return (
    <aside className="flex w-[380px] shrink-0 flex-col border-l border-slate-200 bg-white" aria-label={`${kind.label} settings`} data-testid="inspector">
      <header className="flex items-start gap-3 border-b border-slate-200 px-5 py-4">
        <span className={cx("flex size-9 shrink-0 items-center justify-center rounded-lg ring-1 ring-inset", kind.tile)}>
          <Icon className="size-5" />
        </span>
        <div className="min-w-0 flex-1">
          <h2 className="text-sm font-semibold text-slate-900">{kind.label}</h2>
          <p className="truncate text-xs text-slate-500" title={describeNode(node.type, node.data, describeContext)}>
            {describeNode(node.type, node.data, describeContext)}
          </p>
        </div>
        {readOnly ? null : (
          <button type="button" onClick={onDelete} className="rounded-md p-1.5 text-slate-400 hover:bg-red-50 hover:text-red-600" aria-label="Delete step" title="Delete step (Delete key)">
            <TrashIcon className="size-4.5" />
          </button>
        )}
        <button type="button" onClick={onClose} className="rounded-md p-1.5 text-slate-400 hover:bg-slate-100 hover:text-slate-600" aria-label="Close settings">
          <CloseIcon className="size-4.5" />
        </button>
      </header>
      <div className="flex-1 overflow-y-auto">
        {general.length > 0 ? (
          <div className="px-5 pt-4">
            <Alert>{general.length === 1 ? general[0] : <ul className="list-disc pl-4">{general.map((message) => <li key={message}>{message}</li>)}</ul>}</Alert>
          </div>
        ) : null}
        {readOnly ? <p className="mx-5 mt-4 rounded-lg bg-slate-50 px-3 py-2 text-xs text-slate-500 ring-1 ring-slate-200">A published version is read-only.</p> : null}
        <datalist id={EVENT_NAMES_LIST}>
          {eventNames.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <ConditionPathSuggestions />
        {/* A disabled fieldset makes every input of a past version read-only at once. */}
        <fieldset disabled={readOnly} className="min-w-0 pb-6">
          <Form data={node.data} onChange={onChange} errors={errors} trigger={trigger} appName={appName} />
        </fieldset>
      </div>
    </aside>
  );
}
