import type { Metadata } from "next";
import { ConnectorEditor } from "@/components/connectors/connector-editor";
import { requireSession } from "@/lib/server/auth/dashboard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit connector · Cue" };

export default async function ConnectorEditorPage({ params }: { params: Promise<{ id: string }> }) {
  await requireSession();
  const { id } = await params;
  return <ConnectorEditor connectorId={id} />;
}
