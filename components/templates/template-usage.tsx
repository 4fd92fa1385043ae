// Under an edited template's name: when it last changed and which connectors name it.
// They keep the texts they were published with until they are published again.
import Link from "next/link";
import type { TemplateDetail } from "@/lib/client/templates";
import { RelativeTime } from "../ui/time";

export function TemplateUsage({ template }: { template: TemplateDetail }) {
  return (
    <span data-testid="template-usage">
      Updated <RelativeTime value={template.updatedAt} />.{" "}
      {template.usedBy.length === 0 ? (
        "No connector uses it yet."
      ) : (
        <>
          Used by{" "}
          {template.usedBy.map((connector, index) => (
            <span key={connector.id}>
              {index > 0 ? ", " : null}
              <Link href={`/connectors/${encodeURIComponent(connector.id)}`} className="font-medium text-brand-600 hover:text-brand-700">
                {connector.name}
              </Link>
            </span>
          ))}
          ; live connectors send this after their next publish.
        </>
      )}
    </span>
  );
}
