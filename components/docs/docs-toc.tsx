// The reference's table of contents: each tag with its operations, as anchor links.
import { Card } from "@/components/ui/card";
import { MethodBadge } from "./operation-card";

type Group = { name: string; operations: { id: string; method: string; summary: string }[] };

export function DocsToc({ groups }: { groups: Group[] }) {
  return (
    <Card>
      <nav aria-label="API reference contents" className="grid grid-cols-1 gap-x-8 gap-y-5 px-5 py-5 sm:grid-cols-2 xl:grid-cols-4">
        {groups.map((group) => (
          <div key={group.name} className="min-w-0">
            <a href={`#tag-${group.name}`} className="text-sm font-semibold text-slate-900 hover:text-brand-700">
              {group.name}
            </a>
            <ul className="mt-2 space-y-1">
              {group.operations.map((op) => (
                <li key={op.id}>
                  <a href={`#${op.id}`} className="group flex min-w-0 items-center gap-2 text-[13px] text-slate-600 hover:text-slate-900">
                    <MethodBadge method={op.method} className="w-11 py-0 text-[10px]" />
                    <span className="truncate group-hover:underline">{op.summary}</span>
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
        <div>
          <a href="#schemas" className="text-sm font-semibold text-slate-900 hover:text-brand-700">
            Schemas
          </a>
          <p className="mt-2 text-[13px] text-slate-500">Event, User, Graph, Connector, Message and the node and provider settings.</p>
        </div>
      </nav>
    </Card>
  );
}
